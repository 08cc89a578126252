import Foundation
import PlaybookRunner
import ReachCatalogue
import ReachClient
import ReachEndpoints
import RunJournal
import Synchronization
import Testing

/// Issue 15: while `--concurrency` requests are on the wire, as many rows again ready their calls
/// (the steps up to it, the intent synced to the journal), so a permit freed by an answer goes to
/// a call that is ready, not to a row that has yet to sync its intent. Each intent is on disk
/// before its call reaches the caller, as always.
@Suite struct BulkLookAheadTests {
  static let bulkSuspend = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Playbooks/ops/bulk-suspend.yaml").path
  static let concurrency = 2

  /// Holds the first `concurrency` calls on the wire until `concurrency` more have arrived, ready,
  /// at the gate (with as many rows working as permits, none would arrive, and the run would
  /// never finish). Each call checks that its intent is in the journal when it arrives.
  final class ReadyCaller: StandInCaller {
    struct State {
      var arrived = 0
      var inFlight = 0
      var most = 0
      var held: [CheckedContinuation<Void, Never>] = []
      var released = false
      var withoutIntent: [String] = []
    }

    let journal: RunJournal
    let runId: Mutex<String?> = Mutex(nil)
    private let state = Mutex(State())

    init(journal: RunJournal) {
      self.journal = journal
    }

    var most: Int { state.withLock { $0.most } }
    var withoutIntent: [String] { state.withLock { $0.withoutIntent } }

    func answer(_ endpointID: EndpointID, _ arguments: [String: JSONValue]) async throws(ReachClientError)
      -> EndpointAnswer
    {
      try await answer(endpointID, arguments, gate: nil)
    }

    func answer(_ endpointID: EndpointID, _ arguments: [String: JSONValue], gate: RequestGate?)
      async throws(ReachClientError) -> EndpointAnswer
    {
      let customer = arguments["customerId"]?.stringValue ?? ""
      let runId = self.runId.withLock { $0 } ?? ""
      let journaled = (try? journal.effects(runId: runId).contains { $0.customerId == customer }) ?? false
      let release = state.withLock { state -> [CheckedContinuation<Void, Never>] in
        if !journaled { state.withoutIntent.append(customer) }
        state.arrived += 1
        guard state.arrived == 2 * BulkLookAheadTests.concurrency else { return [] }
        state.released = true
        defer { state.held = [] }
        return state.held
      }
      for continuation in release { continuation.resume() }
      guard let gate, await gate.enter() else { throw .cancelled }
      state.withLock { state in
        state.inFlight += 1
        state.most = max(state.most, state.inFlight)
      }
      // Let go when cancelled too: a run that never readies the next calls fails on its time
      // limit (interrupted) instead of hanging.
      await withTaskCancellationHandler {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
          let go = state.withLock { state -> Bool in
            if state.released || Task.isCancelled { return true }
            state.held.append(continuation)
            return false
          }
          if go { continuation.resume() }
        }
      } onCancel: {
        let held = state.withLock { state in
          state.released = true
          defer { state.held = [] }
          return state.held
        }
        for continuation in held { continuation.resume() }
      }
      state.withLock { $0.inFlight -= 1 }
      gate.leave(status: 200)
      return EndpointAnswer(status: 200, body: ["customerId": .string(customer)])
    }
  }

  @Test(.timeLimit(.minutes(1)))
  func rowsReadyTheirCallsWhileTheRequestsAreOnTheWire() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reach-ahead-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let csv = folder.appendingPathComponent("c.csv").path
    try "customerId\nC-1\nC-2\nC-3\nC-4\nC-5\nC-6\n".write(toFile: csv, atomically: true, encoding: .utf8)
    let journal = try RunJournal(path: folder.appendingPathComponent("journal.sqlite").path)
    let caller = ReadyCaller(journal: journal)
    var runner = PlaybookRunner(caller: caller, clock: VirtualClock())
    let link = try JournalLink.start(
      journal: journal, playbookPath: Self.bulkSuspend, playbookText: "", target: "test", inputs: [:], user: "ops")
    caller.runId.withLock { $0 = link.runId }
    runner.journal = link
    runner.concurrency = Self.concurrency
    let result = await runner.run(
      file: Self.bulkSuspend, inputs: ["customers": .string(csv), "verify": .bool(false)])
    #expect(result.outcome == .passed, "\(result.outcome)")
    #expect(result.outputs["done"] == .int(6))
    // Never more on the wire than --concurrency, and every call's intent on disk before it.
    #expect(caller.most == Self.concurrency)
    #expect(caller.withoutIntent.isEmpty, "calls without an intent: \(caller.withoutIntent)")
    #expect(try journal.effects(runId: link.runId).map(\.state) == Array(repeating: .confirmed, count: 6))
  }
}
