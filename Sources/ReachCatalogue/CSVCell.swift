/// One value as a CSV cell (RFC 4180) that a spreadsheet opens as text: a value that starts with
/// `=`, `+`, `-`, `@`, a tab or a carriage return (a formula to Excel, LibreOffice and Google
/// Sheets, e.g. `=HYPERLINK(…)`) gets a leading `'`, as OWASP's CSV-injection rule says; so does a
/// value that starts with `'` itself, so that ``decode(_:)`` can take exactly that `'` off again
/// (and a spreadsheet, which hides one leading `'`, shows the value as it was). A cell that holds a
/// comma, a quote or a line break is quoted, its quotes doubled.
public enum CSVCell {
  public static func encode(_ text: String) -> String {
    var value = text
    if let first = value.unicodeScalars.first, formulaStarts.contains(first) || first == "'" { value = "'" + value }
    guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
      return value
    }
    return "\"" + value.replacing("\"", with: "\"\"") + "\""
  }

  /// The value ``encode(_:)`` was given, from its cell's unquoted field: the `'` it added taken off.
  public static func decode(_ field: String) -> String {
    let scalars = field.unicodeScalars
    guard scalars.first == "'", let second = scalars.dropFirst().first,
      formulaStarts.contains(second) || second == "'"
    else { return field }
    return String(field.dropFirst())
  }

  static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]
}
