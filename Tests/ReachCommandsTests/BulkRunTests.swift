import Foundation
import Playbook
import PlaybookRunner
import ReachCatalogue
import ReachClient
import ReachEndpoints
import ReachSandbox
import RunJournal
import Synchronization
import Testing

@testable import ReachCommands

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// `Playbooks/ops/bulk-suspend.yaml` run by the real runner against the embedded sandbox, with a
/// real journal file: rows stream from a CSV, each row ends done, skipped or failed, and every
/// suspension's intent is on disk before the request leaves.
@Suite(.serialized) struct BulkRunTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let bulkSuspend = root.appendingPathComponent("Playbooks/ops/bulk-suspend.yaml").path

  /// Passes every call to the real client; counts them, and can look at the journal first.
  final class Watching: EndpointCaller {
    let client: ReachClient
    let before: @Sendable (String, [String: JSONValue]) -> Void
    private let calls = Mutex<[String]>([])

    init(_ client: ReachClient, before: @escaping @Sendable (String, [String: JSONValue]) -> Void = { _, _ in }) {
      self.client = client
      self.before = before
    }

    var sent: [String] { calls.withLock { $0 } }

    func answer(_ endpointID: EndpointID, _ arguments: [String: JSONValue]) async throws(ReachClientError)
      -> EndpointAnswer
    {
      calls.withLock { $0.append(endpointID.rawValue) }
      before(endpointID.rawValue, arguments)
      return try await client.answer(endpointID, arguments)
    }

    func redacted(_ value: JSONValue) -> JSONValue { client.redacted(value) }

    func customer(_ action: String, url: String, card: String?) async throws(ReachClientError)
      -> (status: Int, location: String?)
    {
      try await client.customer(action, url: url, card: card)
    }
  }

  static func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reach-bulk-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  /// A sandbox that starts with `n` ACTIVE lines (`--customers n`), and their ids.
  static func sandbox(lines n: Int, faults: FaultPlan = FaultPlan(), seed: UInt64 = 1) async throws -> (
    EmbeddedSandbox, [String]
  ) {
    let sandbox = try await EmbeddedSandbox.start(options: SandboxOptions(faults: faults, seed: seed, customers: n))
    return (sandbox, (0..<n).map { SandboxPopulation.customerId($0 + 1) })
  }

  /// The sandbox's audit: every state-changing request it accepted.
  static func audit(_ sandbox: EmbeddedSandbox) async throws -> [JSONValue] {
    let url = URL(string: sandbox.target.baseURL + "/__sandbox/audit")!
    let (data, _) = try await URLSession.shared.data(from: url)
    let body = try JSONDecoder().decode(JSONValue.self, from: data)
    return body["entries"]?.arrayValue ?? []
  }

  @Test func suspendsActiveLinesSkipsTheRestAndJournalsEveryRowAndEffect() async throws {
    let (sandbox, ids) = try await Self.sandbox(lines: 3)
    defer { Task { await sandbox.stop() } }
    let folder = try Self.temporaryFolder()
    let csv = folder.appendingPathComponent("customers.csv")
    // Line 2, 3, 5: active lines (one with its own reason); line 4: nobody; line 6: blank.
    try "customerId,reason\n\(ids[0]),\n\(ids[1]),FRAUD_REVIEW\nCUST-NOBODY,\n\(ids[2]),\n\n".write(
      to: csv, atomically: true, encoding: .utf8)
    let journal = try RunJournal(path: folder.appendingPathComponent("journal.sqlite").path)
    let client = ReachClient(target: sandbox.target, clock: sandbox.clock)
    // Before each suspension leaves, a second connection to the file already sees its intent.
    let reader = try RunJournal(path: folder.appendingPathComponent("journal.sqlite").path)
    let runId = Mutex("")
    let intentsSeen = Mutex<[String]>([])
    let caller = Watching(client) { endpointID, arguments in
      guard endpointID == "subscriber.suspend" else { return }
      let effects = (try? reader.effects(runId: runId.withLock { $0 })) ?? []
      if let effect = effects.last(where: { $0.customerId == arguments["customerId"]?.stringValue }),
        effect.state == .intent
      {
        intentsSeen.withLock { $0.append(effect.customerId ?? "") }
      }
    }
    var runner = PlaybookRunner(caller: caller, clock: sandbox.clock)
    let link = try JournalLink.start(
      journal: journal, playbookPath: Self.bulkSuspend, playbookText: "", target: "sandbox",
      inputs: ["customers": .string(csv.path)], user: "ops")
    runId.withLock { $0 = link.runId }
    runner.journal = link
    let events = Mutex<[RunEvent]>([])
    let result = await runner.run(file: Self.bulkSuspend, inputs: ["customers": .string(csv.path)]) { event in
      events.withLock { $0.append(event) }
    }
    #expect(result.outcome == .passed, "\(result.outcome)")
    #expect(result.outputs["done"] == 3)
    #expect(result.outputs["skipped"] == 1)
    #expect(result.outputs["failed"] == 0)
    #expect(Set(intentsSeen.withLock { $0 }) == Set(ids))

    let rows = try journal.rows(runId: link.runId)
    #expect(rows.map(\.line) == [2, 3, 4, 5])
    #expect(rows.map(\.key) == [ids[0], ids[1], "CUST-NOBODY", ids[2]])
    #expect(rows.map(\.outcome) == [.passed, .passed, .skipped, .passed])
    #expect(rows[2].reason == "no such customer (HTTP 404)")
    let effects = try journal.effects(runId: link.runId)
    #expect(effects.map(\.endpointId) == ["subscriber.suspend", "subscriber.suspend", "subscriber.suspend"])
    #expect(effects.allSatisfy { $0.state == .confirmed && $0.httpStatus == 200 && $0.line != nil })
    #expect(effects.first { $0.customerId == ids[1] }?.request.contains("FRAUD_REVIEW") == true)
    #expect(effects.first { $0.customerId == ids[0] }?.request.contains("OPS_BULK_SUSPEND") == true)
    #expect(try journal.run(link.runId).outcome == .passed)

    let suspends = try await Self.audit(sandbox).filter { $0["endpointId"] == "subscriber.suspend" }
    #expect(suspends.compactMap { $0["customerId"]?.stringValue }.sorted() == ids.sorted())

    // The steps inside a row report nothing; each row reports its end.
    let finished = events.withLock { $0 }.compactMap { event -> RowResult? in
      if case .rowFinished(_, let row) = event { return row }
      return nil
    }
    #expect(finished.count == 4)
    #expect(!events.withLock { $0 }.contains { if case .callAnswered = $0 { true } else { false } })

    // A second run finds every line suspended already: all skipped, nothing sent.
    let again = try JournalLink.start(
      journal: journal, playbookPath: Self.bulkSuspend, playbookText: "", target: "sandbox", inputs: [:], user: "ops")
    runner.journal = again
    let second = await runner.run(file: Self.bulkSuspend, inputs: ["customers": .string(csv.path)])
    #expect(second.outcome == .passed)
    #expect(second.outputs["skipped"] == 4)
    #expect(
      try journal.rows(runId: again.runId).filter { $0.reason?.contains("SUSPENDED (3), not ACTIVE") == true }.count
        == 3)
    #expect(try journal.effects(runId: again.runId).isEmpty)
  }

  @Test func aMalformedCSVIsRefusedWithItsLineBeforeAnythingIsSent() async throws {
    let sandbox = try await EmbeddedSandbox.start()
    defer { Task { await sandbox.stop() } }
    let folder = try Self.temporaryFolder()
    let csv = folder.appendingPathComponent("customers.csv")
    // Line 4 has three fields for two columns; line 6 has an empty customerId.
    try "customerId,reason\nC-1,\nC-2,\nC-3,A,B\nC-4,\n,NO_ID\n".write(to: csv, atomically: true, encoding: .utf8)
    let caller = Watching(ReachClient(target: sandbox.target, clock: sandbox.clock))
    let runner = PlaybookRunner(caller: caller, clock: sandbox.clock)
    let result = await runner.run(file: Self.bulkSuspend, inputs: ["customers": .string(csv.path)])
    guard case .invalid(let diagnostics) = result.outcome else {
      Issue.record("expected the run to be refused, got \(result.outcome)")
      return
    }
    let text = diagnostics.map(\.description).joined(separator: "\n")
    #expect(text.contains("\(csv.path):4: 3 columns, but the header has 2"), "\(text)")
    #expect(text.contains("\(csv.path):6: 'customerId' is empty"), "\(text)")
    #expect(text.contains("2 bad rows, nothing was sent"))
    #expect(text.contains("--on-bad-row skip"))
    #expect(caller.sent.isEmpty)
    #expect(try await Self.audit(sandbox).isEmpty)
  }

  @Test func onBadRowSkipReportsTheBadLinesAndRunsTheOthers() async throws {
    let (sandbox, ids) = try await Self.sandbox(lines: 1)
    defer { Task { await sandbox.stop() } }
    let folder = try Self.temporaryFolder()
    let csv = folder.appendingPathComponent("customers.csv")
    try "customerId,reason\n\"\(ids[0])\",\"multi\nline reason\"\nC-3,A,B\n".write(
      to: csv, atomically: true, encoding: .utf8)
    let journal = try RunJournal(path: folder.appendingPathComponent("journal.sqlite").path)
    var runner = PlaybookRunner(caller: ReachClient(target: sandbox.target, clock: sandbox.clock), clock: sandbox.clock)
    runner.onBadRow = .skip
    runner.journal = try JournalLink.start(
      journal: journal, playbookPath: Self.bulkSuspend, playbookText: "", target: "sandbox", inputs: [:], user: "ops")
    let result = await runner.run(file: Self.bulkSuspend, inputs: ["customers": .string(csv.path)])
    #expect(result.outcome == .passed, "\(result.outcome)")
    let rows = try journal.rows(runId: runner.journal!.runId)
    // The quoted reason spans lines 2 and 3, so the bad row is on line 4.
    #expect(rows.map(\.line) == [2, 4])
    #expect(rows[0].outcome == .passed)
    #expect(rows[1].outcome == .skipped)
    #expect(rows[1].reason == "bad row: 3 columns, but the header has 2")
  }

  /// Interrupted (the task cancelled, as Ctrl-C does) once the journal shows four rows finished,
  /// then resumed: every line ends suspended by exactly one accepted request, the journal shows
  /// every row done, and the rows finished before the interruption are not run again.
  @Test func anInterruptedRunResumesWithoutSuspendingAnyoneTwice() async throws {
    let (sandbox, ids) = try await Self.sandbox(lines: 12)
    defer { Task { await sandbox.stop() } }
    let folder = try Self.temporaryFolder()
    let csv = folder.appendingPathComponent("customers.csv")
    try ("customerId\n" + ids.joined(separator: "\n") + "\n").write(to: csv, atomically: true, encoding: .utf8)
    let path = folder.appendingPathComponent("journal.sqlite").path
    let journal = try RunJournal(path: path)
    let link = try JournalLink.start(
      journal: journal, playbookPath: Self.bulkSuspend, playbookText: "", target: "sandbox", inputs: [:], user: "ops")
    let client = ReachClient(target: sandbox.target, clock: sandbox.clock)
    var runner = PlaybookRunner(caller: client, clock: sandbox.clock)
    runner.journal = link
    runner.concurrency = 3
    let inputs: [String: JSONValue] = ["customers": .string(csv.path)]
    // The run cancels itself from inside, when the fourth row is journaled: no timing involved.
    let box = Mutex<Task<RunResult, Never>?>(nil)
    let interrupted = runner
    let task = Task {
      await interrupted.run(file: Self.bulkSuspend, inputs: inputs) { event in
        if case .rowFinished = event, (try? journal.rows(runId: link.runId).count) ?? 0 >= 4 {
          box.withLock { $0?.cancel() }
        }
      }
    }
    box.withLock { $0 = task }
    let first = await task.value
    #expect(first.outcome == .aborted("interrupted"), "\(first.outcome)")
    #expect(try journal.run(link.runId).outcome == .interrupted)
    let before = try journal.rows(runId: link.runId)
    #expect(before.count >= 4 && before.count < 12)
    #expect(before.allSatisfy { $0.outcome == .passed })

    // Resume: a new link reads what the run finished.
    _ = try journal.reopenRun(link.runId)
    runner.journal = try JournalLink(resuming: link.runId, in: journal)
    let events = Mutex<[RunEvent]>([])
    let second = await runner.run(file: Self.bulkSuspend, inputs: inputs) { event in
      events.withLock { $0.append(event) }
    }
    #expect(second.outcome == .passed, "\(second.outcome)")
    #expect(second.outputs["done"] == .int(12 - before.count))
    let started = events.withLock { $0 }.compactMap { event -> Int? in
      if case .rowsStarted(_, _, let already, _) = event { return already }
      return nil
    }
    #expect(started == [before.count])
    let rows = try journal.rows(runId: link.runId)
    #expect(rows.count == 12)
    #expect(rows.allSatisfy { $0.outcome == .passed })
    #expect(try journal.run(link.runId).outcome == .passed)
    #expect(try journal.openEffects(runId: link.runId).isEmpty)
    let suspends = try await Self.audit(sandbox).filter { $0["endpointId"] == "subscriber.suspend" }
    #expect(suspends.compactMap { $0["customerId"]?.stringValue }.sorted() == ids.sorted())
    for id in ids {
      let info = try await client.call("customer.info", ["customerId": .string(id)])
      #expect(info.body["status"] == 3, "\(id)")
    }
  }

  /// Injected faults (5 % 500, 2 % 503, 3 % 504 answered after the suspension happened): every
  /// row still ends done, every line ends SUSPENDED, and the audit shows one accepted suspension
  /// per line: a 504 is settled by reading the state again, never by blindly resending.
  @Test func withInjectedFaultsEveryRowEndsCorrectAndNobodyIsSuspendedTwice() async throws {
    // Which call draws which fault depends on the rows' interleaving; at 3 % some 9 of the 300
    // suspensions draw a 504 (none at all: about 1 run in 10,000; at 1 %, 1 in 20 had none).
    let faults = FaultPlan(rates: [500: 0.05, 503: 0.02, 504: 0.03])
    let (sandbox, ids) = try await Self.sandbox(lines: 300, faults: faults, seed: 7)
    defer { Task { await sandbox.stop() } }
    let folder = try Self.temporaryFolder()
    let csv = folder.appendingPathComponent("customers.csv")
    try ("customerId\n" + ids.joined(separator: "\n") + "\n").write(to: csv, atomically: true, encoding: .utf8)
    let journal = try RunJournal(path: folder.appendingPathComponent("journal.sqlite").path)
    let client = ReachClient(target: sandbox.target, clock: sandbox.clock)
    var runner = PlaybookRunner(caller: client, clock: sandbox.clock)
    runner.journal = try JournalLink.start(
      journal: journal, playbookPath: Self.bulkSuspend, playbookText: "", target: "sandbox", inputs: [:], user: "ops")
    runner.concurrency = 8
    let result = await runner.run(file: Self.bulkSuspend, inputs: ["customers": .string(csv.path)])
    #expect(result.outcome == .passed, "\(result.outcome)")
    let runId = runner.journal!.runId
    let rows = try journal.rows(runId: runId)
    #expect(rows.count == 300)
    #expect(rows.allSatisfy { $0.outcome == .passed }, "\(rows.filter { $0.outcome != .passed })")
    #expect(try journal.openEffects(runId: runId).isEmpty)
    let audit = try await Self.audit(sandbox)
    // The faults did happen, a 504 after a suspension among them.
    #expect(audit.contains { $0["outcome"]?.stringValue?.hasPrefix("504") == true })
    let suspended = audit.filter { $0["endpointId"] == "subscriber.suspend" }.compactMap {
      $0["customerId"]?.stringValue
    }
    #expect(suspended.count == 300)
    #expect(Set(suspended) == Set(ids))
    let reconciled = try journal.effects(runId: runId).filter { $0.state == .reconciledDone }
    #expect(!reconciled.isEmpty)
  }
}
