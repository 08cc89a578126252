/// One value as a CSV cell (RFC 4180) that a spreadsheet opens as text: a value that starts with
/// `=`, `+`, `-`, `@`, a tab or a carriage return (a formula to Excel, LibreOffice and Google
/// Sheets, e.g. `=HYPERLINK(…)`) gets a leading `'`, as OWASP's CSV-injection rule says; a cell
/// that holds a comma, a quote or a line break is quoted, its quotes doubled.
public enum CSVCell {
  public static func encode(_ text: String) -> String {
    var value = text
    if let first = value.unicodeScalars.first, formulaStarts.contains(first) { value = "'" + value }
    guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
      return value
    }
    return "\"" + value.replacing("\"", with: "\"\"") + "\""
  }

  static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]
}
