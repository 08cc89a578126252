import Foundation
import Testing

/// Issue #18: the csv report of a run with failed rows is the next run's input, of which only the
/// failed rows run, and the run's summary prints the command that does it.
@Suite struct FailedRowsAgainTests {
  static let playbook = """
    name: Fail some rows
    inputs:
      customers:
        type: csv
        required: true
        columns: { customerId: required }
    steps:
      - id: rows
        foreach: ${{ inputs.customers }}
        as: row
        concurrency: 2
        steps:
          - if: ${{ row.customerId == 'C-2' || row.customerId == 'C-4' }}
            fail: "${{ row.customerId }} is refused"
          - log: "${{ row.customerId }} is fine"

    """

  @Test(.enabled(if: ShippedPlaybooksTests.binaryBuilt)) func theReportOfFailedRowsRunsThemAgain() async throws {
    let folder = try BulkRunTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("some.yaml").path
    try Self.playbook.write(toFile: file, atomically: true, encoding: .utf8)
    let csv = folder.appendingPathComponent("customers.csv").path
    try "customerId\nC-1\nC-2\nC-3\nC-4\nC-5\n".write(toFile: csv, atomically: true, encoding: .utf8)
    let journal = folder.appendingPathComponent("journal.sqlite").path
    let report = folder.appendingPathComponent("rows.csv").path
    let first = try await ShippedPlaybooksTests.reach([
      "run", file, "--var", "customers=\(csv)", "--journal", journal, "--report", "csv=\(report)",
    ])
    #expect(first.status == 1, "\(first.output)\(first.errors)")
    let lines = first.output.split(separator: "\n").map(String.init)
    let announced = try #require(
      lines.firstIndex { $0.hasPrefix("2 rows failed; to run them again") }, "\(first.output)")
    let command = lines[announced + 1].trimmingCharacters(in: .whitespaces)
    #expect(command == "reach run \(file) --var customers=\(report) --journal \(journal)", "\(command)")

    // The printed command, with a report of its own: the two failed rows run, and only they.
    let second = folder.appendingPathComponent("again.csv").path
    var arguments = command.split(separator: " ").dropFirst().map(String.init)
    arguments += ["--report", "csv=\(second)"]
    let again = try await ShippedPlaybooksTests.reach(arguments)
    #expect(again.status == 1, "\(again.output)\(again.errors)")
    #expect(again.errors.contains("2/2 rows"), "\(again.errors)")
    let rows = try String(contentsOfFile: second, encoding: .utf8).split(separator: "\n").dropFirst()
    #expect(rows.map { $0.prefix(while: { $0 != "," }) }.sorted() == ["C-2", "C-4"], "\(rows)")
    #expect(rows.allSatisfy { $0.contains(",failed,") })
    // A report cannot be written over the input it is read from.
    let over = try await ShippedPlaybooksTests.reach(arguments.dropLast(2) + ["--report", "csv=\(report)"])
    #expect(over.status != 0 && over.status != 1)
    #expect(over.errors.contains("would write over the input customers"), "\(over.errors)")
  }
}
