import Foundation
import ReachCatalogue
import RunJournal
import Synchronization
import Testing

/// A clock for the journal's timestamps that tests move by hand.
final class TestNow: Sendable {
  private let value = Mutex(Date(timeIntervalSince1970: 1_795_000_000))
  var now: @Sendable () -> Date { { self.value.withLock { $0 } } }
  func advance(_ seconds: TimeInterval) { value.withLock { $0 += seconds } }
}

func temporaryJournalPath() -> String {
  FileManager.default.temporaryDirectory.appendingPathComponent("reach-journal-\(UUID().uuidString)")
    .appendingPathComponent("journal.sqlite").path
}

@Suite struct RunJournalTests {
  @Test func fileIsPrivateAndInWALMode() throws {
    let path = temporaryJournalPath()
    let journal = try RunJournal(path: path)
    _ = try journal.startRun(playbookPath: "p.yaml", playbookHash: "h", target: "sandbox", inputs: [:], user: "ops")
    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(mode == 0o600)
    #expect(try journal.journalMode() == "wal")
  }

  @Test func reopeningKeepsRunsAndMigratesOnce() throws {
    let path = temporaryJournalPath()
    let first = try RunJournal(path: path)
    let run = try first.startRun(playbookPath: "p.yaml", playbookHash: "h", target: "t", inputs: [:], user: "u")
    let second = try RunJournal(path: path)
    #expect(try second.run(run.id).playbookPath == "p.yaml")
  }

  @Test func runsAreListedNewestFirst() throws {
    let clock = TestNow()
    let journal = try RunJournal(path: temporaryJournalPath(), now: clock.now)
    let a = try journal.startRun(playbookPath: "a.yaml", playbookHash: "1", target: "t", inputs: [:], user: "u")
    clock.advance(60)
    let b = try journal.startRun(playbookPath: "b.yaml", playbookHash: "2", target: "t", inputs: [:], user: "u")
    try journal.finishRun(a.id, outcome: .passed)
    #expect(try journal.runs().map(\.id) == [b.id, a.id])
    #expect(try journal.run(a.id).outcome == .passed)
    #expect(try journal.run(a.id).finishedAt != nil)
    #expect(throws: JournalError.self) { try journal.run("nope") }
  }

  @Test func effectsMoveFromIntentToConfirmedAndOpenOnesAreFound() throws {
    let journal = try RunJournal(path: temporaryJournalPath())
    let run = try journal.startRun(playbookPath: "p", playbookHash: "h", target: "t", inputs: [:], user: "u")
    let done = try journal.recordIntent(
      runId: run.id, line: 2, step: "suspend", endpointId: "subscriber.suspend", customerId: "C1",
      request: ["customerId": "C1"])
    try journal.update(effect: done, to: .sent)
    try journal.update(effect: done, to: .confirmed, httpStatus: 200)
    let inFlight = try journal.recordIntent(
      runId: run.id, line: 3, step: "suspend", endpointId: "subscriber.suspend", customerId: "C2",
      request: ["customerId": "C2"])
    try journal.update(effect: inFlight, to: .sent)
    let unknown = try journal.recordIntent(
      runId: run.id, line: 4, step: "suspend", endpointId: "subscriber.suspend", customerId: "C3",
      request: ["customerId": "C3"])
    try journal.update(effect: unknown, to: .unknown, httpStatus: 504)
    let effects = try journal.effects(runId: run.id)
    #expect(effects.map(\.state) == [.confirmed, .sent, .unknown])
    #expect(effects[0].httpStatus == 200)
    #expect(try journal.openEffects(runId: run.id).map(\.customerId) == ["C2", "C3"])
  }

  @Test func rowsAreUpsertedByLine() throws {
    let journal = try RunJournal(path: temporaryJournalPath())
    let run = try journal.startRun(playbookPath: "p", playbookHash: "h", target: "t", inputs: [:], user: "u")
    try journal.recordRow(runId: run.id, line: 2, key: "C1", outcome: .running)
    try journal.recordRow(runId: run.id, line: 2, key: "C1", outcome: .passed, httpStatus: 200, attempts: 1)
    try journal.recordRow(runId: run.id, line: 3, key: "C2", outcome: .skipped, reason: "not ACTIVE (status 3)")
    try journal.recordRow(runId: run.id, line: 4, key: "C3", outcome: .running)
    let rows = try journal.rows(runId: run.id)
    #expect(rows.map(\.line) == [2, 3, 4])
    #expect(rows[0].outcome == .passed)
    #expect(try journal.finishedLines(runId: run.id) == [2, 3])
  }

  @Test func secretsNeverReachTheFile() throws {
    let path = temporaryJournalPath()
    let journal = try RunJournal(path: path)
    let pin = "pin-" + UUID().uuidString
    let account = "acct-" + UUID().uuidString
    let run = try journal.startRun(
      playbookPath: "p", playbookHash: "h", target: "t",
      inputs: ["password": .string(pin), "customerId": "C1"], user: "u")
    _ = try journal.recordIntent(
      runId: run.id, step: "fix", endpointId: "portin.update", customerId: "C1",
      request: ["password": .string(pin), "oldCarrierAccountNumber": .string(account), "type": "UPDATE_PIN"])
    try journal.recordStep(
      runId: run.id, path: "fix", outcome: .passed, startedAt: Date(), durationMs: 1, attempts: 1,
      extracted: ["nested": ["password": .string(pin)]])
    #expect(try journal.run(run.id).inputs == #"{"customerId":"C1","password":"***"}"#)
    for suffix in ["", "-wal"] {
      let data = FileManager.default.contents(atPath: path + suffix) ?? Data()
      let bytes = String(decoding: data, as: UTF8.self)
      #expect(!bytes.contains(pin), "PIN in \(suffix.isEmpty ? "db" : suffix)")
      #expect(!bytes.contains(account))
    }
  }

  @Test func customersLearnedFromPurchasesAreKept() throws {
    let journal = try RunJournal(path: temporaryJournalPath())
    let run = try journal.startRun(playbookPath: "p", playbookHash: "h", target: "t", inputs: [:], user: "u")
    try journal.rememberCustomer("C9", clientAccountId: "A9", runId: run.id)
    try journal.rememberCustomer("C9", clientAccountId: "A9", runId: run.id)
    #expect(try journal.customers().map(\.customerId) == ["C9"])
  }

  /// Bulk writes go through group commit: many intents queued at once share a commit, yet each
  /// call returns only once its intent is on disk (a second connection sees it); outcomes and rows
  /// queued without waiting are on disk after `flush()`.
  @Test func queuedIntentsAreOnDiskWhenTheyReturnAndTheRestAfterFlush() async throws {
    let path = temporaryJournalPath()
    let journal = try RunJournal(path: path)
    let reader = try RunJournal(path: path)
    let run = try journal.startRun(playbookPath: "p.yaml", playbookHash: "h", target: "t", inputs: [:], user: "u")
    let seen = try await withThrowingTaskGroup(of: (Int64, Bool).self) { group in
      for line in 2..<66 {
        group.addTask {
          let id = try await journal.queueIntent(
            runId: run.id, line: line, step: "suspend", endpointId: "subscriber.suspend", customerId: "C\(line)",
            request: ["customerId": .string("C\(line)")])
          let visible = try reader.effects(runId: run.id).contains { $0.id == id && $0.state == .intent }
          journal.queueUpdate(effect: id, to: .confirmed, httpStatus: 200)
          journal.queueRow(runId: run.id, line: line, key: "C\(line)", outcome: .passed, attempts: 1, durationMs: line)
          return (id, visible)
        }
      }
      return try await group.reduce(into: []) { $0.append($1) }
    }
    #expect(Set(seen.map(\.0)).count == 64)
    #expect(seen.filter { !$0.1 }.isEmpty, "an intent was not on disk when its call could be sent")
    try await journal.flush()
    #expect(try reader.effects(runId: run.id).map(\.state) == Array(repeating: .confirmed, count: 64))
    let rows = try reader.rows(runId: run.id)
    #expect(rows.map(\.line) == Array(2..<66))
    #expect(rows.map(\.durationMs) == Array(2..<66))
  }

  /// A queued write that fails does not undo the others of its commit, and `flush()` reports it.
  @Test func aFailedQueuedWriteIsReportedByFlushAndSparesTheOthers() async throws {
    let journal = try RunJournal(path: temporaryJournalPath())
    let run = try journal.startRun(playbookPath: "p.yaml", playbookHash: "h", target: "t", inputs: [:], user: "u")
    journal.queueRow(runId: run.id, line: 2, key: "C1", outcome: .passed)
    journal.queueRow(runId: "no-such-run", line: 3, key: "C2", outcome: .passed)
    journal.queueRow(runId: run.id, line: 4, key: "C3", outcome: .skipped)
    await #expect(throws: (any Error).self) { try await journal.flush() }
    #expect(try journal.rows(runId: run.id).map(\.line) == [2, 4])
    // Reported once: the next flush is clean.
    try await journal.flush()
  }
}
