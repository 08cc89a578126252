/// Text bound for a terminal made inert: what a sender controls (a webhook body, the platform's
/// answers, a CSV's cells, a journal's messages) can neither move the cursor, clear the screen,
/// set the title, hide text, rewrite a line nor reorder what is shown.
///
/// Each character a terminal could act on is written as an escape a reader can see:
/// `\r`, `\n`, `\t`, else `\u` and four hex digits (`\u001B` for ESC). The escapes are JSON's, so
/// inside a JSON string they decode to the same characters and the JSON stays valid. Escaped are
/// C0 controls, DEL, C1 controls (U+0080–U+009F, among them the single-byte CSI U+009B), and the
/// bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) that reorder
/// a line as displayed.
public enum TerminalText {
  /// Text of many lines: newline and tab kept, every other control escaped.
  public static func block(_ text: String) -> String { escaped(text, keepingLines: true) }

  /// One value on one line (a table cell, a field): newline and tab escaped too, so a value can
  /// never start a line of its own.
  public static func field(_ text: String) -> String { escaped(text, keepingLines: false) }

  /// A line that reach itself coloured: its SGR sequences (`ESC [ n ; … m`) and OSC 8 hyperlinks
  /// of printable ASCII (see ``hyperlinkEnd(_:from:)``) kept, every other
  /// control escaped as in ``block(_:)``. Only for text whose outside parts went through
  /// ``field(_:)`` or ``block(_:)`` already.
  public static func styled(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: needsEscape) else { return text }
    var out = String.UnicodeScalarView()
    let scalars = Array(text.unicodeScalars)
    var i = 0
    while i < scalars.count {
      if scalars[i] == "\u{1B}", let end = sgrEnd(scalars, from: i) ?? hyperlinkEnd(scalars, from: i) {
        out.append(contentsOf: scalars[i...end])
        i = end + 1
        continue
      }
      append(scalars[i], to: &out, keepingLines: true)
      i += 1
    }
    return String(out)
  }

  /// Whether a terminal could act on `scalar` (newline and tab included).
  public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: return true
    default: return false
    }
  }

  static func escaped(_ text: String, keepingLines: Bool) -> String {
    guard text.unicodeScalars.contains(where: needsEscape) else { return text }
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars { append(scalar, to: &out, keepingLines: keepingLines) }
    return String(out)
  }

  static func append(_ scalar: Unicode.Scalar, to out: inout String.UnicodeScalarView, keepingLines: Bool) {
    guard needsEscape(scalar) else { return out.append(scalar) }
    switch scalar {
    case "\n" where keepingLines, "\t" where keepingLines: out.append(scalar)
    case "\n": out.append(contentsOf: #"\n"#.unicodeScalars)
    case "\t": out.append(contentsOf: #"\t"#.unicodeScalars)
    case "\r": out.append(contentsOf: #"\r"#.unicodeScalars)
    default:
      let hex = String(scalar.value, radix: 16, uppercase: true)
      out.append(contentsOf: (#"\u"# + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
    }
  }

  /// The index of the `\` that ends an OSC 8 hyperlink sequence (`ESC ] 8 ; ; URL ESC \`, or the
  /// one that closes a link, with no URL) starting at `start`, whose URL holds printable ASCII
  /// alone; or nil.
  static func hyperlinkEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
    let opening: [Unicode.Scalar] = ["\u{1B}", "]", "8", ";", ";"]
    guard scalars.count >= start + opening.count + 2, Array(scalars[start..<start + opening.count]) == opening else {
      return nil
    }
    var i = start + opening.count
    while i < scalars.count, scalars[i].value > 0x20, scalars[i].value < 0x7F { i += 1 }
    guard i + 1 < scalars.count, scalars[i] == "\u{1B}", scalars[i + 1] == "\\" else { return nil }
    return i + 1
  }

  /// The index of the `m` that ends an SGR sequence starting at `start` (an ESC), or nil.
  static func sgrEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
    guard start + 1 < scalars.count, scalars[start + 1] == "[" else { return nil }
    var i = start + 2
    while i < scalars.count, ("0"..."9").contains(scalars[i]) || scalars[i] == ";" { i += 1 }
    return i < scalars.count && scalars[i] == "m" ? i : nil
  }
}
