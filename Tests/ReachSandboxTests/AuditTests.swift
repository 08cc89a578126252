import HTTPTypes
import ReachCatalogue
import ReachSandbox
import Testing

@Suite("Audit log")
struct AuditTests {
  @Test func recordsEachAcceptedStateChangeOnce() async throws {
    try await SandboxHarness().run { caller in
      let customerId = try await Flows.activeLine(caller, clientAccountId: "acct-audit")
      let body: JSONValue = ["customerId": .string(customerId), "reasonCode": "LOST_DEVICE"]
      #expect(try await caller.call(.put, "/apisvc/v0/suspend", json: body).status == 200)
      // Rejected, so not recorded.
      #expect(try await caller.call(.put, "/apisvc/v0/suspend", json: body).status == 409)
      // A read, so not recorded.
      #expect(try await caller.call(.post, "/apisvc/v0/network/coverage", json: ["zip": "10001"]).status == 200)

      let audit = try await caller.call(.get, "/__sandbox/audit", headers: [:])
      #expect(audit.status == 200)
      let entries = try #require(audit["entries"]?.arrayValue)
      #expect(
        entries.compactMap { $0["endpointId"]?.stringValue } == [
          "product.purchase", "sandbox.pay", "activation.submit", "subscriber.suspend",
        ])
      #expect(entries.compactMap { $0["sequence"]?.intValue } == [1, 2, 3, 4])
      let suspend = try #require(entries.last)
      #expect(suspend["method"] == "PUT")
      #expect(suspend["path"] == "/apisvc/v0/suspend")
      #expect(suspend["customerId"] == .string(customerId))
      #expect(suspend["outcome"] == "200")
      #expect(suspend["time"]?.stringValue?.hasPrefix("2026-01-01T00:10") == true)
    }
  }
}
