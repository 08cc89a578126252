import HTTPTypes
import ReachCatalogue
import ReachClient
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

/// A webhook whose finished deliveries arrive on a stream, so a test waits for them instead of
/// sleeping; the back-off between retries is slept on `retryClock`, a virtual clock.
func reportingWebhook(
  baseURL: String, transport: any WebhookTransport, retryClock: VirtualClock = VirtualClock()
) -> (SandboxWebhook, AsyncStream<WebhookReport>) {
  let (reports, continuation) = AsyncStream.makeStream(of: WebhookReport.self)
  let webhook = SandboxWebhook(baseURL: baseURL, transport: transport, retryClock: retryClock) {
    continuation.yield($0)
  }
  return (webhook, reports)
}

@Suite("Callbacks (4.2)")
struct CallbackTests {
  @Test func purchaseCallbackIsRetriedUntilAccepted() async throws {
    let receiver = RecordingReceiver(failures: 2)
    let clock = VirtualClock()
    let (webhook, reports) = reportingWebhook(
      baseURL: "https://brand.example", transport: receiver, retryClock: clock)
    try await SandboxHarness(webhook: webhook).run { caller in
      let customerId = try await Flows.completedPurchase(caller, clientAccountId: "acct-cb")
      var next = reports.makeAsyncIterator()
      let report = try #require(await next.next())
      #expect(report.attempts == 3)
      #expect(report.delivered)
      // 1 s before the first retry, 2 s before the second, on the virtual clock.
      #expect(clock.sleeps == [.seconds(1), .seconds(2)])
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

  @Test func activationCallbackCarriesStatusAndNumber() async throws {
    let receiver = RecordingReceiver(failures: 0)
    let (webhook, reports) = reportingWebhook(baseURL: "https://brand.example", transport: receiver)
    try await SandboxHarness(webhook: webhook).run { caller in
      let customerId = try await Flows.activeLine(caller, clientAccountId: "acct-cb-act")
      _ = try await caller.call(.get, "/apisvc/v0/activation/status?customerId=\(customerId)")
      var activation: WebhookReport?
      for await report in reports where report.body["type"] == "ACTIVATION" {
        activation = report
        break
      }
      #expect(activation?.attempts == 1)
      #expect(activation?.body["customerId"] == .string(customerId))
      #expect(activation?.body["status"] == 2)
      #expect(activation?.body["mobileNo"]?.stringValue?.count == 10)
    }
  }

  @Test func givesUpAfterThreeRetries() async throws {
    let failing = RecordingReceiver(failures: 10)
    let clock = VirtualClock()
    let (webhook, reports) = reportingWebhook(
      baseURL: "https://brand.example", transport: failing, retryClock: clock)
    try await SandboxHarness(webhook: webhook).run { caller in
      _ = try await Flows.completedPurchase(caller, clientAccountId: "acct-cb-fail")
      var next = reports.makeAsyncIterator()
      let report = try #require(await next.next())
      #expect(!report.delivered)
      #expect(report.attempts == SandboxWebhook.maxAttempts)
      #expect(await failing.bodies().count == SandboxWebhook.maxAttempts)
      #expect(SandboxWebhook.maxAttempts == 4)
      #expect(clock.sleeps == [.seconds(1), .seconds(2), .seconds(4)])
    }
  }

  @Test func declinedPurchaseSendsAFailedCallback() async throws {
    let receiver = RecordingReceiver(failures: 0)
    let (webhook, reports) = reportingWebhook(baseURL: "https://brand.example", transport: receiver)
    try await SandboxHarness(webhook: webhook).run { caller in
      let id = try await caller.purchase(clientAccountId: "acct-cb-declined")
      caller.clock.advance(by: .seconds(5))
      let url = try #require(try await caller.call(.get, "/apisvc/v0/product/status/\(id)")["link.url"]?.stringValue)
      _ = try await caller.call(.post, caller.path(of: url), form: "cardNumber=\(MagicValues.decliningCard)")
      caller.clock.advance(by: .seconds(5))
      #expect(try await caller.call(.get, "/apisvc/v0/product/status/\(id)")["status"] == "FAILED")
      var next = reports.makeAsyncIterator()
      let report = try #require(await next.next())
      #expect(report.body["type"] == "PRODUCT_PURCHASE")
      #expect(report.body["transactionId"] == .string(id))
      #expect(report.body["status"] == "FAILED")
      #expect(report.body["clientAccountId"] == "acct-cb-declined")
      #expect(report.body["paymentStatusDesc"]?.stringValue?.isEmpty == false)
      // Once only, however often the status is read afterwards.
      _ = try await caller.call(.get, "/apisvc/v0/product/status/\(id)")
      #expect(await receiver.bodies().count == 1)
    }
  }

  @Test func timeoutIsTenSecondsScaledBySpeed() {
    #expect(HTTPWebhookTransport().timeout == .seconds(10))
    #expect(HTTPWebhookTransport(speed: 100).timeout == .milliseconds(100))
  }
}

@Suite("Notification events (4.1)")
struct NotificationTests {
  @Test func triggeredEventsReachTheNotificationEndpoint() async throws {
    let receiver = RecordingReceiver(failures: 0)
    let webhook = SandboxWebhook(baseURL: "https://brand.example", transport: receiver)
    try await SandboxHarness(webhook: webhook).run { caller in
      let customerId = try await Flows.activeLine(caller, clientAccountId: "acct-evt")
      let unauthenticated = try await caller.call(
        .post, "/__sandbox/trigger/RDN_IMEI_CHANGE?customerId=\(customerId)", headers: [:])
      #expect(unauthenticated.status == 401)
      let imei = try await caller.call(.post, "/__sandbox/trigger/RDN_IMEI_CHANGE?customerId=\(customerId)")
      #expect(imei.status == 200)
      #expect(imei["webhookStatus"] == 200)
      #expect(imei["attempts"] == 1)
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
