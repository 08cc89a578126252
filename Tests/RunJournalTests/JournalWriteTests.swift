import Foundation
import GRDB
import ReachCatalogue
import Testing

@testable import RunJournal

/// The bulk path's hand-written writes store what GRDB's records would: the same date text, and
/// rows and effects that read back through the records unchanged.
@Suite struct JournalWriteTests {
  @Test(arguments: [
    0, -0.5, 1_795_000_000, 1_795_000_000.5, 1_795_000_000.123_9, 1_795_000_000.999_9, 951_825_600.25,
    4_102_444_799.999,
    1_000_000_000.001,
  ])
  func dateTextIsGRDBs(_ seconds: TimeInterval) {
    let date = Date(timeIntervalSince1970: seconds)
    #expect(JournalDate.text(date) == String.fromDatabaseValue(date.databaseValue))
  }

  @Test func queuedRowsAndEffectsReadBackAsRecords() async throws {
    let clock = TestNow()
    clock.advance(0.25)
    let journal = try RunJournal(path: temporaryJournalPath(), now: clock.now)
    let run = try journal.startRun(playbookPath: "p.yaml", playbookHash: "h", target: "t", inputs: [:], user: "u")
    let id = try await journal.queueIntent(
      runId: run.id, line: 7, step: "suspend", endpointId: "subscriber.suspend", customerId: "C7",
      request: ["customerId": "C7"])
    journal.queueRow(runId: run.id, line: 7, key: "C7", outcome: .running)
    clock.advance(1.5)
    journal.queueUpdate(effect: id, to: .confirmed, httpStatus: 200)
    journal.queueRow(
      runId: run.id, line: 7, key: "C7", outcome: .passed, reason: "suspended", httpStatus: 200, attempts: 2,
      durationMs: 41)
    try await journal.flush()

    let start = Date(timeIntervalSince1970: 1_795_000_000.25)
    let end = Date(timeIntervalSince1970: 1_795_000_001.75)
    #expect(
      try journal.rows(runId: run.id) == [
        RowRecord(
          runId: run.id, line: 7, key: "C7", outcome: .passed, reason: "suspended", httpStatus: 200, attempts: 2,
          updatedAt: end, durationMs: 41)
      ])
    #expect(
      try journal.effects(runId: run.id) == [
        EffectRecord(
          id: id, runId: run.id, line: 7, step: "suspend", endpointId: "subscriber.suspend", customerId: "C7",
          request: #"{"customerId":"C7"}"#, state: .confirmed, httpStatus: 200, createdAt: start, updatedAt: end)
      ])
  }
}
