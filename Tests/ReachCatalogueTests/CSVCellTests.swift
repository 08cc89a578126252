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
    ("", ""), ("a=b", "a=b"),
  ])
  func csvCellsNeverStartAFormula(value: String, cell: String) {
    #expect(CSVCell.encode(value) == cell)
  }
}
