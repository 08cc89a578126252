import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ReachCatalogue
import ReachSandbox
import Testing

/// A brand's callback endpoint on a real socket: answers 503 to its first `failures` deliveries,
/// then 200, and tells the test about each one on a stream.
actor FlakyReceiver {
  var failures: Int
  let received: AsyncStream<JSONValue>.Continuation

  init(failures: Int, received: AsyncStream<JSONValue>.Continuation) {
    self.failures = failures
    self.received = received
  }

  func receive(_ body: JSONValue) -> HTTPResponse.Status {
    received.yield(body)
    guard failures > 0 else { return .ok }
    failures -= 1
    return .serviceUnavailable
  }

  func application() -> some ApplicationProtocol {
    let router = Router()
    router.post("/apisvc/v0/notification/callback") { request, _ -> Response in
      let buffer = try await request.body.collect(upTo: 1 << 20)
      let body = try JSONDecoder().decode(JSONValue.self, from: Data(buffer.readableBytesView))
      return Response(status: await self.receive(body))
    }
    return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
  }
}

@Suite("Callbacks over HTTP")
struct WebhookHTTPTests {
  /// A receiver that fails twice then succeeds gets exactly 3 deliveries of the same transactionId.
  @Test func failsTwiceThenSucceedsGetsThreeDeliveries() async throws {
    let (received, input) = AsyncStream.makeStream(of: JSONValue.self)
    let receiver = FlakyReceiver(failures: 2, received: input)
    try await receiver.application().test(.live) { client in
      let port = try #require(client.port)
      let (webhook, reports) = reportingWebhook(baseURL: "http://127.0.0.1:\(port)", transport: HTTPWebhookTransport())
      try await SandboxHarness(webhook: webhook).run { caller in
        let customerId = try await Flows.completedPurchase(caller, clientAccountId: "acct-http")
        var next = reports.makeAsyncIterator()
        let report = try #require(await next.next())
        #expect(report.delivered)
        #expect(report.attempts == 3)
        input.finish()
        var bodies: [JSONValue] = []
        for await body in received { bodies.append(body) }
        #expect(bodies.count == 3)
        let ids = Set(bodies.map { $0["transactionId"] })
        #expect(ids.count == 1)
        #expect(ids.first??.stringValue?.hasPrefix("TXN") == true)
        #expect(bodies.allSatisfy { $0["customerId"] == .string(customerId) && $0["type"] == "PRODUCT_PURCHASE" })
      }
    }
  }
}

/// Holds requests until the test opens it.
actor Gate {
  private var isOpen = false
  private var waiting: [CheckedContinuation<Void, Never>] = []

  func wait() async {
    if isOpen { return }
    await withCheckedContinuation { waiting.append($0) }
  }

  func open() {
    isOpen = true
    for continuation in waiting { continuation.resume() }
    waiting = []
  }
}

extension WebhookHTTPTests {
  /// The first delivery gets no answer: the transport gives up after 10 s of platform time
  /// (5 s at speed 2: long enough that the second attempt's answer arrives in time even when the
  /// machine is busy with other tests) and the second attempt is accepted.
  @Test func aDeliveryThatTimesOutIsRetried() async throws {
    let gate = Gate()
    let (received, input) = AsyncStream.makeStream(of: Int.self)
    let counter = Counter()
    let router = Router()
    router.post("/apisvc/v0/notification/callback") { _, _ -> Response in
      let attempt = await counter.next()
      input.yield(attempt)
      if attempt == 1 { await gate.wait() }
      return Response(status: .ok)
    }
    let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    try await app.test(.live) { client in
      let port = try #require(client.port)
      let transport = HTTPWebhookTransport(speed: 2)
      #expect(transport.timeout == .seconds(5))
      let (webhook, reports) = reportingWebhook(baseURL: "http://127.0.0.1:\(port)", transport: transport)
      try await SandboxHarness(webhook: webhook).run { caller in
        _ = try await Flows.completedPurchase(caller, clientAccountId: "acct-timeout")
        var next = reports.makeAsyncIterator()
        let report = try #require(await next.next())
        await gate.open()
        #expect(report.delivered)
        // The first attempt is held past the 5 s timeout, so it is retried. The second answers at
        // once; on a machine loaded enough to take 5 s over it, a third attempt is also a retry.
        #expect(report.attempts >= 2)
        input.finish()
        var attempts: [Int] = []
        for await attempt in received { attempts.append(attempt) }
        #expect(attempts == Array(1...report.attempts))
      }
    }
  }
}

actor Counter {
  private var value = 0
  func next() -> Int {
    value += 1
    return value
  }
}
