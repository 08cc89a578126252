import ReachCatalogue
import ReachClient
import Synchronization
import Testing

/// A bulk run readies more calls than it has request permits, so a request may wait for a permit
/// after the rate limiter let it go. A 429's hold that began meanwhile holds it too: it gives the
/// permit back and asks the limiter again, as a request still waiting for its slot would.
@Suite struct PermitHoldTests {
  /// Sends through `base`; the `holding`th request (the first by default) waits on the way until
  /// `release()`. Notes the limiter's clock when each request goes.
  final class HoldingTransport: HTTPTransport {
    let base: any HTTPTransport
    let clock: VirtualClock
    let holding: Int
    private struct State {
      var sentAt: [Duration] = []
      var held: CheckedContinuation<Void, Never>?
      var released = false
      var arrived: CheckedContinuation<Void, Never>?
      var firstArrived = false
    }
    private let state = Mutex(State())

    init(base: any HTTPTransport, clock: VirtualClock, holding: Int = 1) {
      self.base = base
      self.clock = clock
      self.holding = holding
    }

    var sentAt: [Duration] { state.withLock { $0.sentAt } }

    func send(_ request: HTTPRequestData) async throws(TransportError) -> HTTPResponseData {
      let held = state.withLock { state -> Bool in
        state.sentAt.append(clock.now.offset)
        return state.sentAt.count == holding
      }
      if held {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
          let (go, arrived) = state.withLock { state in
            state.firstArrived = true
            defer { state.arrived = nil }
            if state.released { return (true, state.arrived) }
            state.held = continuation
            return (false, state.arrived)
          }
          arrived?.resume()
          if go { continuation.resume() }
        }
      }
      return try await base.send(request)
    }

    /// Returns once the held request is on its way (holding its permit).
    func heldOnTheWire() async {
      await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        let now = state.withLock { state -> Bool in
          if state.firstArrived { return true }
          state.arrived = continuation
          return false
        }
        if now { continuation.resume() }
      }
    }

    func release() {
      let held = state.withLock { state in
        state.released = true
        defer { state.held = nil }
        return state.held
      }
      held?.resume()
    }
  }

  @Test(.timeLimit(.minutes(1)))
  func aHoldThatBeginsWhileARequestWaitsForItsPermitHoldsItToo() async throws {
    let server = ScriptedServer(statuses: [200, 200])
    let clock = VirtualClock()
    let limiter = RateLimiter(rate: 1000, burst: 1000, clock: clock)
    let gate = RequestGate(limit: 1)
    let transport = HoldingTransport(base: AsyncHTTPTransport.shared, clock: clock)
    try await server.run { url in
      let client = ReachClient(
        target: try TestSecrets.target(url), transport: transport, clock: clock, rateLimiter: limiter)
      async let first = client.send("customer.info", ["customerId": "C1"], gate: gate)
      await transport.heldOnTheWire()
      async let second = client.send("customer.info", ["customerId": "C2"], gate: gate)
      // The second request has its slot and waits for the one permit.
      while gate.waiting == 0 { await Task.yield() }
      await limiter.hold(for: .seconds(5))
      transport.release()
      let answers = try await [first.status, second.status]
      #expect(answers == [200, 200])
    }
    // It went when the hold ended, not when the permit came free.
    #expect(transport.sentAt == [.zero, .seconds(5)])
    // The permit it gave back is no exchange.
    #expect(gate.counts.exchanges == 2)
  }

  /// A request that exhausts the rate limit (2.4: the fifth 429 in a row) closes its gate: a call
  /// waiting for the permit it gives back is not sent, and says why.
  @Test(.timeLimit(.minutes(1)))
  func theFifth429ClosesTheGateToTheCallsWaitingForIt() async throws {
    let server = ScriptedServer(statuses: [429, 429, 429, 429, 429, 200])
    let clock = VirtualClock()
    let gate = RequestGate(limit: 1)
    let transport = HoldingTransport(base: AsyncHTTPTransport.shared, clock: clock, holding: 5)
    try await server.run { url in
      let client = ReachClient(target: try TestSecrets.target(url), transport: transport, clock: clock)
      @Sendable func call(_ customer: String) async -> Result<ReachResponse, ReachClientError> {
        do {
          return .success(try await client.send("customer.info", ["customerId": .string(customer)], gate: gate))
        } catch {
          return .failure(error)
        }
      }
      async let first = call("C1")
      await transport.heldOnTheWire()
      async let second = call("C2")
      // The second call waits for the one permit, which the fifth 429 gives back.
      while gate.waiting == 0 { await Task.yield() }
      transport.release()
      let (exhausted, refused) = await (first, second)
      guard case .failure(.rateLimitExhausted(_, 5)) = exhausted else {
        Issue.record("the first call: \(exhausted)")
        return
      }
      guard case .failure(.notSent(let endpointID, let reason)) = refused else {
        Issue.record("the second call: \(refused)")
        return
      }
      #expect(endpointID == "customer.info")
      #expect(reason.hasPrefix("rate limit exhausted: 'customer.info' got 5 consecutive 429 answers"))
    }
    // Five requests, all the first call's: the second never went.
    #expect(transport.sentAt.count == 5)
    #expect(server.received.allSatisfy { $0.uri.contains("C1") })
    #expect(await gate.enter() == false)
  }
}
