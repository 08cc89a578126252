import HTTPTypes
import ReachCatalogue
import ReachSandbox
import Testing

/// A brand's receiver that fails its first `failures` deliveries.
actor RecordingReceiver: WebhookTransport {
  var failures: Int
  var deliveries: [(url: String, body: JSONValue)] = []

  init(failures: Int) { self.failures = failures }

  func post(_ url: String, body: JSONValue) async throws -> Int {
    deliveries.append((url, body))
    if failures > 0 {
      failures -= 1
      return 503
    }
    return 200
  }

  func bodies() -> [JSONValue] { deliveries.map(\.body) }
  func urls() -> [String] { deliveries.map(\.url) }
}

@Suite("Callbacks (4.2)")
struct CallbackTests {
  @Test func purchaseCallbackIsRetriedUntilAccepted() async throws {
    let receiver = RecordingReceiver(failures: 2)
    let webhook = SandboxWebhook(baseURL: "https://brand.example", transport: receiver)
    try await SandboxHarness(webhook: webhook).run { caller in
      let customerId = try await Flows.completedPurchase(caller, clientAccountId: "acct-cb")
      let bodies = await receiver.bodies()
      #expect(bodies.count == 3)
      #expect(Set(bodies).count == 1)
      #expect(bodies.first?["type"] == "PRODUCT_PURCHASE")
      #expect(bodies.first?["customerId"] == .string(customerId))
      #expect(bodies.first?["status"] == "COMPLETED")
      #expect(bodies.first?["transactionId"]?.stringValue?.isEmpty == false)
      #expect(await receiver.urls().allSatisfy { $0 == "https://brand.example/apisvc/v0/notification/callback" })
    }
  }

  @Test func activationCallbackCarriesStatusAndNumberAndGivesUpAfterThree() async throws {
    let receiver = RecordingReceiver(failures: 1)
    let webhook = SandboxWebhook(baseURL: "https://brand.example", transport: receiver)
    try await SandboxHarness(webhook: webhook).run { caller in
      let customerId = try await Flows.activeLine(caller, clientAccountId: "acct-cb-act")
      _ = try await caller.call(.get, "/apisvc/v0/activation/status?customerId=\(customerId)")
      let activation = await receiver.bodies().filter { $0["type"] == "ACTIVATION" }
      #expect(activation.count == 1)
      #expect(activation.first?["status"] == 2)
      #expect(activation.first?["mobileNo"]?.stringValue?.count == 10)
    }
    let failing = RecordingReceiver(failures: 10)
    try await SandboxHarness(webhook: SandboxWebhook(baseURL: "https://brand.example", transport: failing)).run {
      caller in
      _ = try await Flows.completedPurchase(caller, clientAccountId: "acct-cb-fail")
      #expect(await failing.bodies().count == SandboxWebhook.maxAttempts)
    }
  }
}
