import Foundation
import PlaybookRunner
import ReachCatalogue
import ReachClient
import ReachSandbox
import RunJournal
import Synchronization
import Testing

@testable import ReachCommands

/// Issue 21, item 3: under heavy faults (30 % 500, 10 % 503, 10 % 504 answered after the change)
/// a bulk suspension's report, its journal and the sandbox's audit say the same of every row. A
/// row whose suspension this run caused is done, never "skipped: line is SUSPENDED".
@Suite(.serialized) struct BulkReportTruthTests {
  @Test func underThirtyPercentFaultsTheReportTheJournalAndTheAuditAgreeOnEveryRow() async throws {
    let faults = FaultPlan(rates: [500: 0.3, 503: 0.1, 504: 0.1])
    let (sandbox, ids) = try await BulkRunTests.sandbox(lines: 200, faults: faults, seed: 7)
    defer { Task { await sandbox.stop() } }
    let folder = try BulkRunTests.temporaryFolder()
    let csv = folder.appendingPathComponent("customers.csv")
    try ("customerId\n" + ids.joined(separator: "\n") + "\n").write(to: csv, atomically: true, encoding: .utf8)
    let journal = try RunJournal(path: folder.appendingPathComponent("journal.sqlite").path)
    let client = ReachClient(target: sandbox.target, clock: sandbox.clock)
    var runner = PlaybookRunner(caller: client, clock: sandbox.clock)
    let link = try JournalLink.start(
      journal: journal, playbookPath: BulkRunTests.bulkSuspend, playbookText: "", target: "sandbox", inputs: [:],
      user: "ops")
    runner.journal = link
    runner.concurrency = 8
    // What `--report csv=PATH` writes: one line per row as it ends.
    let report = Mutex<[String: String]>([:])
    let result = await runner.run(file: BulkRunTests.bulkSuspend, inputs: ["customers": .string(csv.path)]) {
      event in
      guard case .rowFinished(_, let row) = event else { return }
      let line = RowCSVReport.line(row)
      report.withLock { $0[row.key] = line.split(separator: ",", omittingEmptySubsequences: false)[1].description }
    }

    // Each line's suspensions as the sandbox accepted them (a 504 after the change included).
    let audit = try await BulkRunTests.audit(sandbox).filter { $0["endpointId"] == "subscriber.suspend" }
    var acceptedBySandbox: [String: Int] = [:]
    for entry in audit {
      if let id = entry["customerId"]?.stringValue { acceptedBySandbox[id, default: 0] += 1 }
    }
    // The faults did what the issue describes: some suspensions were answered 504 after the change.
    #expect(audit.contains { $0["outcome"]?.stringValue?.hasPrefix("504") == true })

    let rows = Dictionary(uniqueKeysWithValues: try journal.rows(runId: link.runId).map { ($0.key, $0) })
    let effects = Dictionary(grouping: try journal.effects(runId: link.runId), by: { $0.customerId ?? "" })
    let written = report.withLock { $0 }
    #expect(rows.count == 200)
    #expect(written.count == 200)
    var done = 0
    var failed = 0
    for id in ids {
      let row = try #require(rows[id], "\(id) has no journal row")
      let reported = try #require(written[id], "\(id) is not in the report")
      // The report and the journal agree.
      let journaled: String
      switch row.outcome {
      case .passed: journaled = "done"
      case .skipped: journaled = "skipped"
      default: journaled = "failed"
      }
      #expect(reported == journaled, "\(id): report \(reported), journal \(row.outcome)")
      // Every line was ACTIVE: no row may be skipped.
      #expect(reported != "skipped", "\(id): \(row.reason ?? "")")
      // Nobody suspended twice.
      #expect(acceptedBySandbox[id, default: 0] <= 1, "\(id) suspended \(acceptedBySandbox[id, default: 0]) times")
      let states = (effects[id] ?? []).map(\.state)
      if acceptedBySandbox[id] == 1 {
        if reported == "done" {
          // The journal holds the suspension as this run's own.
          #expect(states.contains { $0 == .confirmed || $0 == .reconciledDone }, "\(id): \(states)")
          done += 1
        } else {
          // Failed with the outcome still unknown: the journal says unknown, never "not done".
          #expect(reported == "failed")
          #expect(states.contains { $0.isOpen }, "\(id): \(states)")
          #expect(row.reason?.contains("outcome is unknown") == true, "\(id): \(row.reason ?? "")")
          failed += 1
        }
      } else {
        // Never suspended: the row failed, and the journal claims no effect done.
        #expect(reported == "failed", "\(id): \(reported) without a suspension")
        #expect(!states.contains { $0 == .confirmed || $0 == .reconciledDone }, "\(id): \(states)")
        failed += 1
      }
    }
    #expect(done + failed == 200)
    // The run's verdict says the same: passed with the counts, or failed naming the failed rows.
    if failed == 0 {
      #expect(result.outcome == .passed, "\(result.outcome)")
      #expect(result.outputs["done"] == .int(done))
      #expect(result.outputs["skipped"] == 0)
    } else {
      guard case .failed(let message) = result.outcome else {
        Issue.record("\(failed) rows failed but the run ended \(result.outcome)")
        return
      }
      #expect(message.contains("\(failed) row\(failed == 1 ? "" : "s") of"), "\(message)")
    }
    // The rows this run's own 504s settled are done, not skipped.
    #expect(try journal.effects(runId: link.runId).contains { $0.state == .reconciledDone })
  }
}
