import Foundation
import HTTPTypes
import ReachCatalogue
import ReachSandbox
import Testing

@Suite("Rate limit and injected faults")
struct TrafficTests {
  let coverage = "/apisvc/v0/network/coverage"

  @Test func rateLimitAnswers429WithRetryAfterUntilTheNextSecond() async throws {
    try await SandboxHarness(options: SandboxOptions(rateLimit: 2)).run { caller in
      #expect(try await caller.call(.post, coverage, json: ["zip": "10001"]).status == 200)
      #expect(try await caller.call(.post, coverage, json: ["zip": "10001"]).status == 200)
      let limited = try await caller.call(.post, coverage, json: ["zip": "10001"])
      #expect(limited.status == 429)
      #expect(limited.headers[.retryAfter] == "1")
      caller.clock.advance(by: .seconds(1))
      #expect(try await caller.call(.post, coverage, json: ["zip": "10001"]).status == 200)
    }
  }

  @Test func faultPlanParsesAndRejectsNonsense() throws {
    #expect(try FaultPlan(parsing: "500=0.05,503=0.02,504=0.01").rates == [500: 0.05, 503: 0.02, 504: 0.01])
    let full = try FaultPlan(parsing: "500=0.05,latency=20ms")
    #expect(full.rates == [500: 0.05])
    #expect(full.latency == .milliseconds(20))
    #expect(try FaultPlan(parsing: "latency=1.5s").latency == .milliseconds(1500))
    #expect(throws: FaultPlan.ParseError.latency("latency=fast")) { try FaultPlan(parsing: "latency=fast") }
    #expect(SandboxOptions.rateLimit(parsing: "10/s") == 10)
    #expect(SandboxOptions.rateLimit(parsing: "0/s") == nil)
    #expect(throws: FaultPlan.ParseError.self) { try FaultPlan(parsing: "418=0.5") }
    #expect(throws: FaultPlan.ParseError.self) { try FaultPlan(parsing: "500=2") }
  }

  /// The same seed gives the same faults in the same order.
  @Test func faultsAreReproducibleForASeed() async throws {
    let options = SandboxOptions(faults: try FaultPlan(parsing: "500=0.3,503=0.2"), seed: 42)
    func statuses() async throws -> [Int] {
      let box = Statuses()
      try await SandboxHarness(options: options).run { caller in
        for _ in 0..<30 { await box.append(try await caller.call(.post, coverage, json: ["zip": "10001"]).status) }
      }
      return await box.values
    }
    let first = try await statuses()
    #expect(first == (try await statuses()))
    #expect(Set(first) == [200, 500, 503])
  }

  @Test func injected504HappensAfterTheChange() async throws {
    let options = SandboxOptions(faults: try FaultPlan(parsing: "504=1"))
    try await SandboxHarness(options: options).run { caller in
      let reply = try await caller.call(
        .post, "/apisvc/v0/product", json: caller.purchaseBody(clientAccountId: "acct-504"))
      #expect(reply.status == 504)
      // The purchase exists: resending it is a conflict.
      let again = try await caller.call(
        .post, "/apisvc/v0/product", json: caller.purchaseBody(clientAccountId: "acct-504"))
      #expect(again.status == 409)
      let audit = try await caller.call(.get, "/__sandbox/audit", headers: [:])
      #expect(audit["entries.0.endpointId"] == "product.purchase")
      #expect(audit["entries.0.outcome"] == "504 after the change")
      #expect(audit["entries"]?.arrayValue?.count == 1)
    }
  }
}

extension TrafficTests {
  /// The latency fault sleeps on the injected clock before every platform call.
  @Test func latencyIsAddedToEveryPlatformCall() async throws {
    let sleeper = RecordingSleeper()
    let options = SandboxOptions(faults: try FaultPlan(parsing: "latency=20ms"))
    try await SandboxHarness(options: options, sleeper: sleeper).run { caller async throws in
      #expect(try await caller.call(.post, coverage, json: ["zip": "10001"]).status == 200)
      #expect(try await caller.call(.get, "/apisvc/v0/product/fetch/plan").status == 200)
      #expect(try await caller.call(.get, "/__sandbox/audit", headers: [:]).status == 200)
    }
    #expect(sleeper.sleeps == [.milliseconds(20), .milliseconds(20)])
  }

  /// Seeded faults also hold with latency on, and another seed gives another sequence.
  @Test func anotherSeedGivesOtherFaults() async throws {
    func statuses(seed: UInt64) async throws -> [Int] {
      let options = SandboxOptions(faults: try FaultPlan(parsing: "500=0.5,latency=1ms"), seed: seed)
      let box = Statuses()
      try await SandboxHarness(options: options, sleeper: RecordingSleeper()).run { caller in
        for _ in 0..<40 { await box.append(try await caller.call(.post, coverage, json: ["zip": "10001"]).status) }
      }
      return await box.values
    }
    let seven = try await statuses(seed: 7)
    #expect(seven == (try await statuses(seed: 7)))
    #expect(seven != (try await statuses(seed: 8)))
  }
}

/// A clock whose time stands still and whose sleeps return at once, recording their length.
final class RecordingSleeper: Clock, @unchecked Sendable {
  struct Instant: InstantProtocol {
    var offset: Duration
    func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
    func duration(to other: Instant) -> Duration { other.offset - offset }
    static func < (a: Instant, b: Instant) -> Bool { a.offset < b.offset }
  }

  private let lock = NSLock()
  private var recorded: [Duration] = []

  var now: Instant { Instant(offset: .zero) }
  var minimumResolution: Duration { .zero }
  var sleeps: [Duration] { lock.withLock { recorded } }

  func sleep(until deadline: Instant, tolerance: Duration?) async throws {
    lock.withLock { recorded.append(deadline.offset) }
  }
}

actor Statuses {
  var values: [Int] = []
  func append(_ status: Int) { values.append(status) }
}
