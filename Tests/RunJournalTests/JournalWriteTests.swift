import Foundation
import GRDB
import ReachCatalogue
import Testing

@testable import RunJournal

/// The bulk path's hand-written writes store what GRDB's records would: the same date text, and
/// rows and effects that read back through the records unchanged.
@Suite struct JournalWriteTests {
  /// The bulk path binds its times as `Date`s, so GRDB stores them: `yyyy-MM-dd HH:mm:ss.SSS` in
  /// UTC, to the nearest millisecond. The text is pinned, so journals written before (by a
  /// hand-written formatter of the same text) read back the same.
  @Test(
    arguments: [
      (0, "1970-01-01 00:00:00.000"), (-0.5, "1969-12-31 23:59:59.500"),
      (1_795_000_000, "2026-11-18 11:06:40.000"), (1_795_000_000.5, "2026-11-18 11:06:40.500"),
      (1_795_000_000.123_9, "2026-11-18 11:06:40.124"), (1_795_000_000.999_9, "2026-11-18 11:06:41.000"),
      (951_825_600.25, "2000-02-29 12:00:00.250"), (4_102_444_799.999, "2099-12-31 23:59:59.999"),
      (1_000_000_000.001, "2001-09-09 01:46:40.001"),
    ] as [(TimeInterval, String)])
  func storedDateTextIsGRDBs(_ seconds: TimeInterval, _ text: String) throws {
    let date = Date(timeIntervalSince1970: seconds)
    let journal = try RunJournal(path: temporaryJournalPath(), now: { date })
    let run = try journal.startRun(playbookPath: "p.yaml", playbookHash: "h", target: "t", inputs: [:], user: "u")
    _ = try journal.recordIntent(
      runId: run.id, step: "suspend", endpointId: "subscriber.suspend", customerId: "C1", request: [:])
    try journal.recordRow(runId: run.id, line: 2, key: "C1", outcome: .passed)
    let stored = try journal.writer.read { db in
      try String.fetchAll(db, sql: "SELECT createdAt FROM effect UNION ALL SELECT updatedAt FROM row")
    }
    #expect(stored == [text, text])
    #expect(String.fromDatabaseValue(date.databaseValue) == text)
  }

  /// A row stored in that text (as every journal so far has) reads back as its date.
  @Test func aRowStoredAsTextReadsBackAsItsDate() throws {
    let journal = try RunJournal(path: temporaryJournalPath(), now: { Date(timeIntervalSince1970: 0) })
    let run = try journal.startRun(playbookPath: "p.yaml", playbookHash: "h", target: "t", inputs: [:], user: "u")
    try journal.writer.write { db in
      try db.execute(
        sql: "INSERT INTO row (runId, line, key, outcome, attempts, updatedAt) VALUES (?, 3, 'C3', 'passed', 1, ?)",
        arguments: [run.id, "2026-11-18 11:06:40.124"])
    }
    let read = try journal.rows(runId: run.id).map { ($0.updatedAt.timeIntervalSince1970 * 1000).rounded() }
    #expect(read == [1_795_000_000_124])
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
