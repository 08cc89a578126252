import ReachCatalogue
import ReachClient
import ReachEndpoints
import ReachWebhooks
import Synchronization
import Testing

@Suite struct RetryTests {
  func run(_ script: [(Int, [(String, String)], String)], _ endpoint: String, _ args: [String: JSONValue])
    async throws -> (result: Result<ReachResponse, ReachClientError>, sleeps: [Duration], requests: Int)
  {
    let server = ScriptedServer(script)
    let clock = VirtualClock()
    let box = ResultBox()
    try await server.run { url in
      let client = ReachClient(target: try TestSecrets.target(url), clock: clock)
      do throws(ReachClientError) {
        box.set(.success(try await client.send(endpoint, args)))
      } catch {
        box.set(.failure(error))
      }
    }
    return (box.get()!, clock.sleeps, server.received.count)
  }

  static func statuses(_ codes: [Int]) -> [(Int, [(String, String)], String)] {
    codes.map { ($0, [], "{}") }
  }

  /// Guide 2.4: waits of 1, 2, 4 … s, and "after 5 consecutive failures … stop retrying": the
  /// fifth 429 ends the call.
  @Test func rateLimitScheduleIs1_2_4_8AndTheFifth429Stops() async throws {
    let (result, sleeps, requests) = try await run(
      Self.statuses(Array(repeating: 429, count: 10)), "customer.info", ["customerId": "C1"])
    #expect(sleeps == [.seconds(1), .seconds(2), .seconds(4), .seconds(8)])
    #expect(requests == 5)
    guard case .failure(let error) = result, case .rateLimitExhausted(let id, let attempts) = error else {
      Issue.record("expected rateLimitExhausted, got \(result)")
      return
    }
    #expect(id == "customer.info")
    #expect(attempts == 5)
    #expect(error.description.contains("alert operations"))
  }

  @Test func rateLimitRecoversAndCountsOnlyConsecutive429s() async throws {
    let (result, sleeps, requests) = try await run(
      Self.statuses([429, 429, 200]), "customer.info", ["customerId": "C1"])
    #expect(sleeps == [.seconds(1), .seconds(2)])
    #expect(requests == 3)
    #expect(try result.get().status == 200)
    #expect(try result.get().attempts == 3)
  }

  /// A 429's `Retry-After` (assumption: the guide names no header) holds the run's shared
  /// limiter for the longer of it and the guide's back-off (2.4); the request itself backs off on
  /// the guide's schedule, then waits for the limiter. A shorter one shortens nothing.
  @Test func aRateLimitsRetryAfterHoldsTheSharedLimiter() async throws {
    let script: [(Int, [(String, String)], String)] = [
      (429, [("Retry-After", "7")], "{}"), (429, [("Retry-After", "0")], "{}"), (200, [], "{}"),
    ]
    let server = ScriptedServer(script)
    let clock = VirtualClock()
    let limiter = RateLimiter(rate: 1000, burst: 1000, clock: clock)
    let box = ResultBox()
    try await server.run { url in
      let client = ReachClient(target: try TestSecrets.target(url), clock: clock, rateLimiter: limiter)
      do throws(ReachClientError) {
        box.set(.success(try await client.send("customer.info", ["customerId": "C1"])))
      } catch {
        box.set(.failure(error))
      }
    }
    #expect(try box.get()!.get().status == 200)
    // The guide's 1 s, then the limiter's hold to the 7 s asked for; then the guide's 2 s.
    #expect(clock.sleeps == [.seconds(1), .seconds(6), .seconds(2)])
    #expect(clock.now.offset == .seconds(9))
    // Without a limiter (one call, `reach call`), the guide's schedule alone.
    let (_, sleeps, _) = try await run(script, "customer.info", ["customerId": "C1"])
    #expect(sleeps == [.seconds(1), .seconds(2)])
  }

  /// A 503's `Retry-After` is the wait (our assumption: section 5 names no schedule for 503).
  @Test func anUnavailableAnswersRetryAfterIsTheWait() async throws {
    let script: [(Int, [(String, String)], String)] = [(503, [("Retry-After", "7")], "{}"), (200, [], "{}")]
    let (_, sleeps, _) = try await run(script, "customer.info", ["customerId": "C1"])
    #expect(sleeps == [.seconds(7)])
  }

  @Test func backoffIsCappedAt60() {
    var policy = RetryPolicy()
    policy.maxConsecutiveRateLimits = 10
    let waits = (0..<9).map { previous -> Duration in
      guard case .retry(let d) = policy.decide(.status(429, retryAfter: nil), previous: previous, retrySafe: true)
      else {
        return .zero
      }
      return d
    }
    #expect(waits == [1, 2, 4, 8, 16, 32, 60, 60, 60].map { .seconds($0) })
    #expect(policy.decide(.status(429, retryAfter: nil), previous: 9, retrySafe: true) == .rateLimitExhausted)
    #expect(
      policy.decide(.status(503, retryAfter: .seconds(600)), previous: 0, retrySafe: true)
        == .retry(after: .seconds(60)))
  }

  @Test func serverErrorRetriesAfter5Seconds() async throws {
    let (result, sleeps, requests) = try await run(
      Self.statuses([500, 200]), "subscriber.suspend", ["customerId": "C1"])
    #expect(sleeps == [.seconds(5)])
    #expect(requests == 2)
    #expect(try result.get().status == 200)
  }

  @Test func unavailableBacksOff() async throws {
    let (_, sleeps, requests) = try await run(Self.statuses([503, 503, 200]), "customer.info", ["customerId": "C1"])
    #expect(sleeps == [.seconds(1), .seconds(2)])
    #expect(requests == 3)
  }

  @Test func gatewayTimeoutOnAPurchaseIsNeverResent() async throws {
    let args: [String: JSONValue] = [
      "clientAccountId": "A1", "firstName": "Ann", "lastName": "Lee", "email": "ann@brand.example",
      "planId": "P1", "simType": "PSIM", "zip": "94105", "redirectUrl": "https://brand.example/done",
    ]
    let (result, sleeps, requests) = try await run(Self.statuses([504, 200]), "product.purchase", args)
    #expect(requests == 1)
    #expect(sleeps.isEmpty)
    guard case .failure(.outcomeUnknown(let id, let status, let check)) = result else {
      Issue.record("expected outcomeUnknown, got \(result)")
      return
    }
    #expect(id == "product.purchase")
    #expect(status == 504)
    #expect(check == "product.status")
  }

  @Test func gatewayTimeoutOnAReadIsRetried() async throws {
    let (result, _, requests) = try await run(Self.statuses([504, 200]), "customer.info", ["customerId": "C1"])
    #expect(requests == 2)
    #expect(try result.get().status == 200)
  }

  @Test func clientErrorsAreNotRetriedAndCarryFieldErrors() async throws {
    let body = #"{"errors":[{"field":"zip","message":"must be a ZIP code of 5 digits, got 3"}]}"#
    let server = ScriptedServer([(400, [], body)])
    let box = ResultBox()
    try await server.run { url in
      let client = ReachClient(target: try TestSecrets.target(url), clock: VirtualClock())
      do throws(ReachClientError) {
        box.set(.success(try await client.call("network.coverage", ["zip": "94105"])))
      } catch {
        box.set(.failure(error))
      }
    }
    #expect(server.received.count == 1)
    guard case .failure(.http(_, 400, _, let fieldErrors)) = box.get() else {
      Issue.record("expected HTTP 400")
      return
    }
    #expect(fieldErrors.map(\.description) == ["'zip' must be a ZIP code of 5 digits, got 3"])
  }

  @Test func invalidArgumentsSendNothing() async throws {
    let (result, _, requests) = try await run(Self.statuses([200]), "device.imei", ["imei": "123"])
    #expect(requests == 0)
    guard case .failure(.invalidArguments(let issues)) = result else {
      Issue.record("expected invalidArguments")
      return
    }
    #expect(issues.issues.map(\.field) == ["imei"])
  }

  /// Nothing was sent, so the call is tried again after 1, 2, 4, 8 and 16 s: the platform may be
  /// back by then.
  @Test func aRefusedConnectionIsRetriedThenATransportError() async throws {
    let clock = VirtualClock()
    let client = ReachClient(target: try TestSecrets.target("http://127.0.0.1:1"), clock: clock)
    await #expect(throws: ReachClientError.self) { try await client.send("customer.info", ["customerId": "C1"]) }
    #expect(clock.sleeps == [1, 2, 4, 8, 16].map { .seconds($0) })
  }

  /// A certificate that is not trusted will not be trusted a second later: the call fails at once
  /// and says why (issue 21).
  @Test func anUntrustedCertificateFailsAtOnce() async throws {
    try await HTTPSReceiver.with { receiver, _ in
      let clock = VirtualClock()
      let client = ReachClient(target: try TestSecrets.target(receiver.url), clock: clock)
      do throws(ReachClientError) {
        _ = try await client.send("customer.info", ["customerId": "C1"])
        Issue.record("the call went through")
      } catch {
        guard case .transport(_, let message) = error else {
          Issue.record("not a transport error: \(error)")
          return
        }
        #expect(message.contains("its TLS certificate is not trusted"), "\(message)")
      }
      #expect(clock.sleeps.isEmpty)
    }
  }
}

final class ResultBox: Sendable {
  private let value = Mutex<Result<ReachResponse, ReachClientError>?>(nil)
  func set(_ result: Result<ReachResponse, ReachClientError>) { value.withLock { $0 = result } }
  func get() -> Result<ReachResponse, ReachClientError>? { value.withLock { $0 } }
}
