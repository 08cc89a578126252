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

actor Statuses {
  var values: [Int] = []
  func append(_ status: Int) { values.append(status) }
}
