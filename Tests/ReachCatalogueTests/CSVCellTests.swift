import ReachCatalogue
import Testing

/// What a sender controls cannot act on a spreadsheet.
@Suite struct CSVCellTests {
  /// OWASP's CSV-injection rule: a cell that a spreadsheet would take for a formula starts with `'`.
  @Test(arguments: [
    ("=1+2", "'=1+2"), ("+1", "'+1"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
    ("\rx", "\"'\rx\""),
    (#"=HYPERLINK("http://x.example","click")"#, #""'=HYPERLINK(""http://x.example"",""click"")""#),
    ("CUST000004", "CUST000004"), ("a,b", "\"a,b\""), ("x\r\ny", "\"x\r\ny\""), ("say \"hi\"", "\"say \"\"hi\"\"\""),
    ("", ""), ("a=b", "a=b"), ("'x", "''x"), ("'=x", "''=x"),
  ])
  func csvCellsNeverStartAFormula(value: String, cell: String) {
    #expect(CSVCell.encode(value) == cell)
  }

  /// What `encode` wrote reads back as the value it was given, whatever the value starts with: a
  /// neutralised key in a row report names the same customer when the report is run again.
  @Test(arguments: ["=1+2", "+1", "-2", "@x", "\tx", "'x", "'=x", "''", "'", "x'", "CUST000004", "", "a=b"])
  func decodeUndoesEncode(value: String) {
    var field = CSVCell.encode(value)
    if field.hasPrefix("\"") { field = String(field.dropFirst().dropLast()).replacing("\"\"", with: "\"") }
    #expect(CSVCell.decode(field) == value)
  }
}
