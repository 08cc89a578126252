import Foundation
import Playbook
import ReachCatalogue
import Testing

@testable import PlaybookRunner

/// csv inputs that declare columns: a streaming pass checks every row and names the bad ones by
/// line; a foreach reads the rows as it goes, and `skip` ends one item only.
@Suite struct StreamingCSVTests {
  static func file(_ text: String) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("reach-csv-\(UUID().uuidString).csv")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  static let columns = [Column(name: "customerId", required: true), Column(name: "reason", required: false)]

  /// A row report read back as customers: its failed rows only, each key as it was before the
  /// report neutralised it for a spreadsheet (`=`, `-` … and `'` got a leading `'`).
  @Test func aRowReportsKeysReadBackAsTheyWere() throws {
    let keys = ["=C-1", "-C-2", "'C-3", "C-4"]
    var text = RowCSVReport.header(key: "customerId")
    for key in keys { text += CSVCell.encode(key) + ",failed,boom,500,1\n" }
    text += "C-5,done,,200,1\n"
    let reader = try #require(CSVReader(path: try Self.file(text)))
    _ = try reader.header()
    var read: [String] = []
    while let record = try reader.next() { read.append(record.fields[0]) }
    #expect(read == keys)
  }

  @Test func readerGivesEachRecordWithTheLineItStartsOn() throws {
    let path = try Self.file("\u{FEFF}customerId,reason\r\nC-1,\"two\nlines\"\r\n\r\nC-2,\"say \"\"hi\"\"\"\nC-3,")
    let reader = try #require(CSVReader(path: path))
    #expect(try reader.header() == ["customerId", "reason"])
    #expect(try reader.next()?.line == 2)
    let second = try #require(try reader.next())
    #expect(second.line == 5)
    #expect(second.fields == ["C-2", "say \"hi\""])
    let third = try #require(try reader.next())
    #expect(third.line == 6)
    #expect(third.fields == ["C-3", ""])
    #expect(try reader.next() == nil)
  }

  @Test func aRowReportGivenBackReadsOnlyItsFailedRows() throws {
    // Issue #18: `--report csv=PATH` of one run is the next run's input.
    let path = try Self.file(
      RowCSVReport.header
        + "C-1,done,,200,1\nC-2,failed,\"HTTP 500, twice\",500,5\nC-3,skipped,not ACTIVE,200,1\nC-4,failed,,,1\n")
    let reader = try #require(CSVReader(path: path))
    #expect(try reader.header() == ["customerId"] + RowCSVReport.columns)
    #expect(reader.readsFailedRowsOnly)
    #expect(try reader.next()?.line == 3)
    #expect(try reader.next()?.fields == ["C-4", "failed", "", "", "1"])
    #expect(try reader.next() == nil)
    let input = try CSVInput.scan(name: "customers", path: path, columns: Self.columns)
    #expect(input.goodRowCount == 2)
    // Any other header is read whole, an `outcome` column included.
    let other = try Self.file("customerId,outcome\nC-1,done\nC-2,failed\n")
    let whole = try #require(CSVReader(path: other))
    _ = try whole.header()
    #expect(!whole.readsFailedRowsOnly)
    #expect(try whole.next()?.fields == ["C-1", "done"])
  }

  @Test func readerKeepsMultibyteCharactersThatStraddleAChunk() throws {
    // Each row is 'C-n,' plus a reason of 'é' (2 bytes): some straddle the 64 KiB boundary.
    let reason = String(repeating: "é", count: 1000)
    var text = "customerId,reason\n"
    for n in 0..<200 { text += "C-\(n),\(reason)\n" }
    let reader = try #require(CSVReader(path: try Self.file(text)))
    _ = try reader.header()
    var rows = 0
    while let (line, fields) = try reader.next() {
      #expect(fields == ["C-\(rows)", reason])
      #expect(line == rows + 2)
      rows += 1
    }
    #expect(rows == 200)
  }

  @Test func anUnclosedQuoteNamesTheLineItStartsOn() throws {
    let reader = try #require(CSVReader(path: try Self.file("customerId\nC-1\n\"C-2\nC-3\n")))
    _ = try reader.header()
    _ = try reader.next()
    #expect(throws: RowError.self) { try reader.next() }
    let path = try Self.file("customerId\nC-1\n\"C-2\nC-3\n")
    #expect(
      throws: InputError.badRow(name: "customers", path: path, line: 3, message: "a quoted field is never closed")
    ) {
      try CSVInput.scan(name: "customers", path: path, columns: Self.columns)
    }
  }

  static func bytesFile(_ bytes: [UInt8]) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("reach-csv-\(UUID().uuidString).csv")
    try Data(bytes).write(to: url)
    return url.path
  }

  /// Files that were accepted wrongly (issue #21): each is read right or refused with its line.
  @Test func lineEndingsOfOldSpreadsheetsAndAMarkBeforeAQuoteAreReadRight() throws {
    let crOnly = try #require(CSVReader(path: try Self.file("customerId,reason\rC-1,a\rC-2,b\r")))
    #expect(try crOnly.header() == ["customerId", "reason"])
    #expect(try crOnly.next()?.fields == ["C-1", "a"])
    let second = try #require(try crOnly.next())
    #expect(second.line == 3 && second.fields == ["C-2", "b"])
    #expect(try crOnly.next() == nil)
    let marked = try #require(CSVReader(path: try Self.file("\u{FEFF}\"customerId\",\"reason\"\nC-1,a\n")))
    #expect(try marked.header() == ["customerId", "reason"])
    #expect(try CSVRows.parse("a,b\r1,2\r") == [["a": "1", "b": "2"]])
  }

  @Test func aDuplicateColumnNonUTF8TextAndNULAreRefusedWithTheirLine() throws {
    let cases: [([UInt8], Int, String)] = [
      (Array("customerId,reason,customerId\nC-1,a,C-2\n".utf8), 1, "the header names the column 'customerId' twice"),
      (
        Array("customerId\nC-1\nC-\u{E9}\n".utf8.map { $0 }).replacing([0xC3, 0xA9], with: [0xE9]), 3,
        "not valid UTF-8 text; save the file as UTF-8"
      ),
      (Array("customerId\nC-1\nC-2".utf8) + [0] + Array("\n".utf8), 3, "a NUL byte: this is not a text file"),
    ]
    for (bytes, line, message) in cases {
      let path = try Self.bytesFile(bytes)
      #expect(throws: InputError.badRow(name: "customers", path: path, line: line, message: message)) {
        try CSVInput.scan(name: "customers", path: path, columns: Self.columns)
      }
    }
    #expect(throws: RowError.self) { try CSVRows.parse("a,a\n1,2\n") }
  }

  @Test func scanCountsRowsAndNamesEveryBadOneByLine() throws {
    let path = try Self.file("reason,customerId\nA,C-1\nB\n,\nC,C-4\n")
    let input = try CSVInput.scan(name: "customers", path: path, columns: Self.columns)
    #expect(input.rowCount == 4)
    #expect(input.badRows == [3: "1 columns, but the header has 2", 4: "'customerId' is empty"])
    #expect(input.goodRowCount == 2)
    // Rows are read by header name, whatever the column order.
    #expect(input.row(["A", "C-1"]) == ["customerId": "C-1", "reason": "A"])
    #expect(input.row(["", "C-1"]) == ["customerId": "C-1", "reason": .null])
  }

  @Test func aHeaderWithoutARequiredColumnIsRefusedOnLineOne() throws {
    let path = try Self.file("id,reason\nC-1,A\n")
    #expect(
      throws: InputError.badRow(
        name: "customers", path: path, line: 1, message: "the header has no 'customerId' column (it has id, reason)")
    ) {
      try CSVInput.scan(name: "customers", path: path, columns: Self.columns)
    }
  }

  @Test func aColumnPassedAsIsToACallIsCheckedByThatFieldsRule() throws {
    let parsed = PlaybookParser.parse(
      """
      name: Coverage
      inputs:
        places: { type: csv, columns: { id: required, zip: required, note: optional } }
      steps:
        - foreach: ${{ inputs.places }}
          as: place
          steps:
            - call: network.coverage
              with: { zip: "${{ place.zip }}" }
            - log: "${{ place.note }} ${{ place.id }}"
      """, file: "c.yaml")
    let playbook = try #require(parsed.playbook, "\(parsed.diagnostics)")
    let rules = CSVInput.rules(for: "places", in: playbook)
    #expect(Array(rules.keys) == ["zip"])
    let path = try Self.file("id,zip,note\n1,94105,\n2,9410,x\n")
    let columns = [
      Column(name: "id", required: true), Column(name: "zip", required: true), Column(name: "note", required: false),
    ]
    let input = try CSVInput.scan(name: "places", path: path, columns: columns, rules: rules)
    #expect(input.badRows.keys.sorted() == [3])
    #expect(input.badRows[3]?.hasPrefix("'zip' ") == true)
  }

  @Test func skipEndsOneItemOfAnOrdinaryForeach() async throws {
    let parsed = PlaybookParser.parse(
      """
      name: Skip
      steps:
        - id: each
          foreach: [1, 2, 3]
          steps:
            - if: ${{ item == 2 }}
              skip: "two is skipped"
            - id: seen
              set: { last: "${{ item }}" }
      outputs:
        results: ${{ steps.each.results }}
      """, file: "skip.yaml")
    let playbook = try #require(parsed.playbook, "\(parsed.diagnostics)")
    let result = await PlaybookRunner(caller: NeverCaller()).run(playbook)
    #expect(result.outcome == .passed, "\(result.outcome)")
    #expect(result.outputs["results"]?.arrayValue?[1] == ["skipped": "two is skipped"])
  }

  @Test func columnsBelongToACSVInput() {
    let parsed = PlaybookParser.parse(
      """
      name: Columns
      inputs:
        ids: { type: list, columns: { customerId: required } }
        rows: { type: csv, columns: { customerId: mandatory } }
      steps: [{ log: x }]
      """, file: "c.yaml")
    let messages = parsed.diagnostics.map(\.description)
    #expect(messages.contains { $0.contains("'columns' belongs to a csv input; input 'ids' is a list") }, "\(messages)")
    #expect(messages.contains { $0.contains("column 'customerId' of input 'rows' must be 'required' or 'optional'") })
  }

  /// The shortcut for fields without surrounding spaces trims exactly as Foundation does.
  @Test(arguments: [
    "", "a", " a", "a\t", " \t ", "a b", "\u{3000}x", "x\u{A0}", "\n", "C1\r", "é ", "\u{2028}x", "x\u{0B}",
    "\u{1680}\u{2009}x\u{202F}\u{205F}",
  ])
  func fieldPaddingIsFoundationsWhitespaces(_ field: String) {
    #expect(field.trimming(while: isFieldPadding) == field.trimmingCharacters(in: .whitespaces))
  }
}
