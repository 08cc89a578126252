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

@Suite("Notification events (4.1)")
struct NotificationTests {
  @Test func triggeredEventsReachTheNotificationEndpoint() async throws {
    let receiver = RecordingReceiver(failures: 0)
    let webhook = SandboxWebhook(baseURL: "https://brand.example", transport: receiver)
    try await SandboxHarness(webhook: webhook).run { caller in
      let customerId = try await Flows.activeLine(caller, clientAccountId: "acct-evt")
      let imei = try await caller.call(
        .post, "/__sandbox/trigger/RDN_IMEI_CHANGE?customerId=\(customerId)", headers: [:])
      #expect(imei.status == 200)
      #expect(imei["webhookStatus"] == 200)
      let info = try await caller.call(.get, "/apisvc/v0/customerinfo?customerId=\(customerId)")
      #expect(info["imei"] == .string(MagicValues.notificationImei))

      let portOut = try await caller.call(.post, "/__sandbox/trigger/PORT_OUT_CONFIRMED?customerId=\(customerId)")
      #expect(portOut.status == 200)
      #expect(try await Flows.status(caller, customerId) == 4)

      let events = await receiver.deliveries.filter { $0.url == "https://brand.example/apisvc/v0/notification" }
      #expect(events.map { $0.body["eventType"] } == ["RDN_IMEI_CHANGE", "PORT_OUT_CONFIRMED"])
      #expect(try await caller.call(.post, "/__sandbox/trigger/NOPE?customerId=\(customerId)").status == 404)
      #expect(try await caller.call(.post, "/__sandbox/trigger/PORT_OUT?customerId=CUST999999").status == 404)
    }
  }
}
