import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ReachCatalogue
import ReachServing
import ReachWebhooks
import Testing

@testable import ReachSandbox

/// Work falls due on the standalone sandbox's clock by itself (issue 19): no request has to come
/// for a purchase to complete or its callback to leave.
@Suite("Work due in the background", .timeLimit(.minutes(1)))
struct DueWorkTests {
  /// A purchase paid, then only the clock moves: its callback reaches the brand's receiver
  /// (`ReachWebhooks`, on a real socket) with no other request made to the sandbox.
  @Test func aCallbackFromAStandaloneSandboxReachesAReceiverWithNoOtherRequest() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("reach-due-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let store = try WebhookStore(path: directory.appendingPathComponent("webhooks.sqlite").path)
    let (events, arrived) = AsyncStream.makeStream(of: WebhookEvent.self)
    let receiver = WebhookReceiver(store: store, onNewEvent: { arrived.yield($0) })
    let brand = try WebhookServer.application(receiver: receiver, host: "127.0.0.1", port: 0)
    try await brand.test(.live) { brandClient in
      let brandPort = try #require(brandClient.port)
      let clock = ManualSandboxClock()
      let sandbox = SandboxServer(
        credentials: .random(), clock: clock,
        webhook: SandboxWebhook(baseURL: "http://127.0.0.1:\(brandPort)", transport: HTTPWebhookTransport()))
      try await sandbox.application(limits: .inProcess).test(.live) { client in
        let caller = Caller(client: client, credentials: sandbox.credentials, clock: clock)
        let id = try await Flows.paidPurchase(caller, clientAccountId: "acct-background")
        #expect(try store.count() == 0)

        // The payment completes 5 s after it was made; nothing else is sent to the sandbox.
        clock.advance(by: SandboxPurchase.processingDelay)
        var next = events.makeAsyncIterator()
        let event = try #require(await next.next())
        #expect(event.type == "PRODUCT_PURCHASE")
        #expect(event.transactionId == id)
        #expect(event.body["status"] == "COMPLETED")
        #expect(try store.count() == 1)
      }
    }
  }

  /// A request that schedules work earlier than what the background work sleeps until wakes it:
  /// a second purchase paid while the first is still far from due completes first.
  @Test func earlierWorkWakesTheBackgroundWork() async throws {
    let clock = ManualSandboxClock()
    let receiver = RecordingReceiver(failures: 0)
    let (webhook, reports) = reportingWebhook(baseURL: "https://brand.example", transport: receiver)
    let sandbox = SandboxServer(credentials: .random(), clock: clock, webhook: webhook)
    try await sandbox.application(limits: .inProcess).test(.live) { client in
      let caller = Caller(client: client, credentials: sandbox.credentials, clock: clock)
      // A line whose activation lands in 2 to 10 minutes: the background work sleeps until then.
      let customerId = try await Flows.completedPurchase(caller, clientAccountId: "acct-later")
      var next = reports.makeAsyncIterator()
      #expect(try #require(await next.next()).body["type"] == "PRODUCT_PURCHASE")
      let submit = try await caller.call(
        .post, "/apisvc/v0/activation", json: ["customerId": .string(customerId), "iccId": "8901000000000000092"])
      #expect(submit.status == 202)

      let id = try await Flows.paidPurchase(caller, clientAccountId: "acct-sooner")
      clock.advance(by: SandboxPurchase.processingDelay)
      let sooner = try #require(await next.next())
      #expect(sooner.body["type"] == "PRODUCT_PURCHASE")
      #expect(sooner.body["transactionId"] == .string(id))

      clock.advance(by: .seconds(600))
      let activation = try #require(await next.next())
      #expect(activation.body["type"] == "ACTIVATION")
      #expect(activation.body["customerId"] == .string(customerId))
    }
  }

  /// With a state file, what settles in the background is saved there too, as after a request,
  /// and off the event loops (`SandboxStore.save` asserts it) over a real socket.
  @Test func workSettledInTheBackgroundIsSaved() async throws {
    try await PersistenceTests.withStateFile { path in
      let clock = ManualSandboxClock()
      let (webhook, reports) = reportingWebhook(
        baseURL: "https://brand.example", transport: RecordingReceiver(failures: 0))
      let sandbox = SandboxServer(
        credentials: .random(), clock: clock, webhook: webhook, store: try SandboxStore(path: path))
      try await sandbox.application(limits: .inProcess).test(.live) { client in
        let caller = Caller(client: client, credentials: sandbox.credentials, clock: clock)
        let id = try await Flows.paidPurchase(caller, clientAccountId: "acct-saved")
        #expect(try SandboxStore(path: path).restored.purchaseBook[id]?.settled == false)
        clock.advance(by: SandboxPurchase.processingDelay)
        // The callback is queued after the state file is written.
        var next = reports.makeAsyncIterator()
        #expect(try #require(await next.next()).body["transactionId"] == .string(id))
        #expect(try SandboxStore(path: path).restored.purchaseBook[id]?.settled == true)
      }
    }
  }

  /// The scaled clock sleeps the sandbox time left divided by its speed, and returns only once its
  /// own reading has reached the deadline.
  @Test func theScaledClockWakesAtTheDeadline() async throws {
    let clock = ScaledSandboxClock(speed: 1000)
    let deadline = clock.now.adding(.seconds(2))
    try await clock.sleep(until: deadline)
    #expect(clock.now >= deadline)
  }

  /// A manual clock's sleeper wakes when `advance` reaches its deadline, and a cancelled one
  /// throws without waiting for it.
  @Test func theManualClockWakesSleepersItPasses() async throws {
    let clock = ManualSandboxClock()
    let deadline = clock.now.adding(.seconds(10))
    let sleeper = Task { try await clock.sleep(until: deadline) }
    clock.advance(by: .seconds(10))
    try await sleeper.value
    let cancelled = Task { try await clock.sleep(until: clock.now.adding(.seconds(10))) }
    cancelled.cancel()
    await #expect(throws: CancellationError.self) { try await cancelled.value }
  }
}
