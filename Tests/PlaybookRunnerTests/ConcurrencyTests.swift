import Playbook
import PlaybookRunner
import ReachCatalogue
import ReachClient
import ReachEndpoints
import Synchronization
import Testing

/// Foreach runs items side by side, never more than `concurrency` at once, and keeps results in
/// item order even when later items finish first.
@Suite struct ConcurrencyTests {
  /// Answers each call with its customerId. `C-1` waits until `C-0` is in flight, and `C-0` then
  /// waits until `C-1` has been answered: both are in flight at once, and the later item finishes
  /// first (without concurrency the run would never finish).
  final class OutOfOrderCaller: StandInCaller {
    struct State {
      var inFlight = 0
      var most = 0
      var answered: [String] = []
      var zeroStarted = false
      var oneWaiting: CheckedContinuation<Void, Never>?
      var zeroWaiting: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    var most: Int { state.withLock { $0.most } }
    var answered: [String] { state.withLock { $0.answered } }

    func answer(_ endpointID: EndpointID, _ arguments: [String: JSONValue]) async throws(ReachClientError)
      -> EndpointAnswer
    {
      let id = arguments["customerId"]?.stringValue ?? ""
      let oneWaiting = state.withLock { state -> CheckedContinuation<Void, Never>? in
        state.inFlight += 1
        state.most = max(state.most, state.inFlight)
        guard id == "C-0" else { return nil }
        state.zeroStarted = true
        defer { state.oneWaiting = nil }
        return state.oneWaiting
      }
      oneWaiting?.resume()
      if id == "C-1" {
        await withCheckedContinuation { continuation in
          let started = state.withLock { state -> Bool in
            if state.zeroStarted { return true }
            state.oneWaiting = continuation
            return false
          }
          if started { continuation.resume() }
        }
      }
      if id == "C-0" {
        await withCheckedContinuation { continuation in
          let answered = state.withLock { state -> Bool in
            if state.answered.contains("C-1") { return true }
            state.zeroWaiting = continuation
            return false
          }
          if answered { continuation.resume() }
        }
      }
      let zeroWaiting = state.withLock { state -> CheckedContinuation<Void, Never>? in
        state.inFlight -= 1
        state.answered.append(id)
        guard id == "C-1" else { return nil }
        defer { state.zeroWaiting = nil }
        return state.zeroWaiting
      }
      zeroWaiting?.resume()
      return EndpointAnswer(status: 200, body: ["customerId": .string(id)])
    }
  }

  @Test(.timeLimit(.minutes(1)))
  func itemsRunSideBySideAndKeepTheirOrder() async throws {
    let playbook = """
      name: Many
      steps:
        - id: each
          foreach: [C-0, C-1, C-2, C-3, C-4]
          concurrency: 2
          steps:
            - id: info
              call: customer.info
              with: { customerId: "${{ item }}" }
              extract: { who: "${{ response.customerId }}" }
      outputs:
        who: "${{ [steps.each.results[0].info.who, steps.each.results[1].info.who, steps.each.results[4].info.who] }}"
      """
    let caller = OutOfOrderCaller()
    let runner = PlaybookRunner(caller: caller, clock: VirtualClock(), source: .inMemory(["m.yaml": playbook]))
    let result = await runner.run(file: "m.yaml")
    #expect(result.outcome == .passed)
    #expect(result.outputs == ["who": ["C-0", "C-1", "C-4"]])
    #expect(caller.answered.first == "C-1")
    #expect(caller.most == 2)
  }
}
