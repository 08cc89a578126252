/// The encodings a value takes on its way to the wire, shared by the client, the sandbox and
/// the secret masker (which masks a secret in each of them).

/// Standard Base64 with padding (RFC 4648 §4), the alphabet 1.2 requires.
public enum Base64 {
  static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

  public static func encode(_ bytes: [UInt8]) -> String {
    var out: [UInt8] = []
    out.reserveCapacity((bytes.count + 2) / 3 * 4)
    var i = 0
    while i < bytes.count {
      let b0 = bytes[i], b1 = i + 1 < bytes.count ? bytes[i + 1] : 0, b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
      out.append(alphabet[Int(b0 >> 2)])
      out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
      out.append(i + 1 < bytes.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
      out.append(i + 2 < bytes.count ? alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
      i += 3
    }
    return String(decoding: out, as: UTF8.self)
  }

  public static func decode(_ text: String) -> [UInt8]? {
    var values: [UInt8] = []
    for byte in text.utf8 where byte != UInt8(ascii: "=") {
      guard let index = alphabet.firstIndex(of: byte) else { return nil }
      values.append(UInt8(index))
    }
    guard values.count % 4 != 1 else { return nil }
    var out: [UInt8] = []
    var i = 0
    while i + 1 < values.count {
      out.append(values[i] << 2 | values[i + 1] >> 4)
      if i + 2 < values.count { out.append(values[i + 1] << 4 | values[i + 2] >> 2) }
      if i + 3 < values.count { out.append(values[i + 2] << 6 | values[i + 3]) }
      i += 4
    }
    return out
  }
}

/// RFC 3986 percent-encoding of path segments and query components.
public enum PercentEncoding {
  public static func encode(_ text: String) -> String {
    var out = ""
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
        UInt8(ascii: "~"):
        out.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        let hex = String(byte, radix: 16, uppercase: true)
        out += "%" + (hex.count == 1 ? "0" + hex : hex)
      }
    }
    return out
  }

  public static func decode(_ text: String) -> String {
    // Most names and values have nothing to decode.
    guard text.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) else { return text }
    var bytes: [UInt8] = []
    var iterator = Array(text.utf8).makeIterator()
    while let byte = iterator.next() {
      if byte == UInt8(ascii: "%"), let hi = iterator.next(), let lo = iterator.next(),
        let value = UInt8(String(decoding: [hi, lo], as: UTF8.self), radix: 16)
      {
        bytes.append(value)
      } else if byte == UInt8(ascii: "+") {
        bytes.append(UInt8(ascii: " "))
      } else {
        bytes.append(byte)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}

/// Escaping text for the markup the reports write: each table maps a character to what stands
/// for it. The secret masker searches for a secret in each of these forms too.
public enum MarkupEscaping {
  /// HTML text and attributes.
  public static let html: [Character: String] = ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"]
  /// XML text and attributes (JUnit).
  public static let xml: [Character: String] = ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&apos;"]
  /// A Markdown table cell or heading: no HTML, no pipe, no line break.
  public static let markdown: [Character: String] = [
    "&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "\\|", "`": "\\`", "\n": "<br>", "\r": "",
  ]

  public static func escape(_ text: String, _ table: [Character: String]) -> String {
    var out = ""
    for character in text {
      if let escaped = table[character] { out += escaped } else { out.append(character) }
    }
    return out
  }
}
