import Foundation
import PlaybookRunner
import ReachCatalogue
import Testing

/// Issue 15, item 5: a bulk row's steps run with the whole run's context (its webhook receiver,
/// its go-live probe, its failed checks): a `wait_for` inside a row gets its callback, and a
/// failing `check` inside a row fails that row, not the run's other rows or the process.
@Suite struct BulkRowStepsTests {
  static func csv(_ text: String) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("rows-\(UUID().uuidString).csv").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func aWaitForAndACheckInsideABulkRowUseTheRunsContext() async throws {
    let insecure = try Self.csv("redirectUrl: http://brand.example/return\n")
    let secure = try Self.csv("redirectUrl: https://brand.example/return\n")
    let customers = try Self.csv("label,file\nfirst,\(insecure)\nsecond,\(secure)\n")
    defer { for path in [customers, insecure, secure] { try? FileManager.default.removeItem(atPath: path) } }
    // Each row tops up a line of its own (b-topup makes one), waits for the top-up's own
    // PURCHASE_SUBSEQUENT callback, then checks a file for plain http:// URLs: the first row's
    // file has one, so that row fails; the second's has none.
    let run = try await GuideScenarioTests.run(
      """
      name: Rows that wait and check
      inputs:
        customers: { type: csv, required: true, columns: { label: required, file: required } }
      steps:
        - id: rows
          foreach: ${{ inputs.customers }}
          as: row
          concurrency: 2
          steps:
            - id: topup
              use: b-topup.yaml
            - id: callback
              wait_for: PURCHASE_SUBSEQUENT
              where: ${{ event.transactionId == steps.topup.transactionId }}
              timeout: 10m
            - id: urls
              check: { https: ["${{ row.file }}"] }
      """, inputs: ["customers": .string(customers)])
    let rows = run.events.compactMap { event -> RowResult? in
      if case .rowFinished(_, let row) = event { return row }
      return nil
    }
    #expect(rows.count == 2, "\(run.result.outcome)")
    let first = try #require(rows.first { $0.key == "first" })
    let second = try #require(rows.first { $0.key == "second" })
    // The second waited for its callback and passed its check.
    #expect(second.outcome == .done, "\(second.reason ?? "")")
    // The first got as far as its check, which failed on the plain URL.
    #expect(first.outcome == .failed)
    #expect(first.reason?.contains("http://") == true, "\(first.reason ?? "")")
    guard case .failed(let message) = run.result.outcome else {
      Issue.record("a failed row must fail the run: \(run.result.outcome)")
      return
    }
    #expect(message.contains("1 row of"), "\(message)")
  }
}
