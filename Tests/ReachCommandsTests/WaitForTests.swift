import Foundation
import Playbook
import PlaybookRunner
import ReachCatalogue
import ReachClient
import ReachWebhooks
import Synchronization
import Testing

@testable import ReachCommands

/// `wait_for` against the embedded set-up: the sandbox's real callbacks travel over HTTP to a
/// real receiver on loopback, and the run waits for them on the shared virtual clock.
@Suite struct WaitForTests {
  /// Two orders; the customer pays only the first. `extraSteps` come after the payment.
  static func playbook(_ extraSteps: String, outputs: String = "") -> String {
    """
    name: Pay and wait for the callback
    steps:
      - id: plans
        call: product.plans
      - id: purchase
        call: product.purchase
        with: \(order)
        expect: { status: 202 }
      - id: other
        call: product.purchase
        with: \(order)
        expect: { status: 202 }
      - id: link
        call: product.status
        with: { transactionId: "${{ steps.purchase.response.transactionId }}" }
        poll: { every: 5s, until: "response.status == 'PAYMENT_PENDING'", timeout: 5m }
      - customer: { pay: "${{ steps.link.response.link.url }}" }
    \(extraSteps)
    \(outputs)
    """
  }

  static let order = """
    { clientAccountId: "acct-${{ uuid() }}", firstName: Ann, lastName: Lee, email: ann@brand.example, \
    planId: "${{ steps.plans.response.plans[0].serviceCode }}", simType: ESIM, zip: "94105", \
    redirectUrl: "https://brand.example/paid" }
    """

  static let waitForThePaidOrder = """
      - id: paid
        wait_for: PRODUCT_PURCHASE
        where: ${{ event.transactionId == steps.purchase.response.transactionId }}
        timeout: 2m
        extract:
          customerId: ${{ event.customerId }}
          status: ${{ event.status }}
    """

  struct Run {
    var result: RunResult
    var events: [RunEvent]

    /// The finish event of the step labelled `label`.
    func finished(_ label: String) -> (outcome: StepOutcome, duration: Duration)? {
      for event in events {
        if case .stepFinished(let reference, let outcome, let duration, _) = event, reference.label == label {
          return (outcome, duration)
        }
      }
      return nil
    }
  }

  static func run(_ text: String, on setup: EmbeddedSetup) async -> Run {
    let client = ReachClient(target: setup.target, clock: setup.clock)
    let runner = PlaybookRunner(
      caller: client, clock: setup.clock, source: .inMemory(["wait.yaml": text]), webhooks: setup.webhooks)
    let collected = Mutex<[RunEvent]>([])
    let result = await runner.run(file: "wait.yaml") { event in collected.withLock { $0.append(event) } }
    return Run(result: result, events: collected.withLock { $0 })
  }

  @Test func theCallbackOfThePaidOrderIsMatchedAndExtracted() async throws {
    let setup = try await EmbeddedSetup.start()
    let run = await Self.run(
      Self.playbook(
        Self.waitForThePaidOrder,
        outputs: """
          outputs:
            transactionId: ${{ steps.purchase.response.transactionId }}
            customerId: ${{ steps.paid.customerId }}
            status: ${{ steps.paid.status }}
            type: ${{ steps.paid.event.type }}
          """), on: setup)
    let stored = try setup.receiver.store.events(type: "PRODUCT_PURCHASE")
    await setup.stop()

    #expect(run.result.outcome == .passed, "\(run.result.outcome)")
    #expect(run.result.outputs["status"] == "COMPLETED")
    #expect(run.result.outputs["type"] == "PRODUCT_PURCHASE")
    #expect(run.result.outputs["customerId"]?.stringValue?.hasPrefix("CUST") == true)
    // The event the step matched is the one the receiver stored, having come over HTTP.
    #expect(stored.map(\.transactionId) == [run.result.outputs["transactionId"]?.stringValue])
    #expect(stored.first?.customerId == run.result.outputs["customerId"]?.stringValue)
    // The sandbox completes a paid order 5 s after payment: that long on the virtual clock.
    #expect(run.finished("paid")?.duration == .seconds(5))
  }

  @Test func anotherOrdersCallbackDoesNotMatch() async throws {
    let setup = try await EmbeddedSetup.start()
    let run = await Self.run(
      Self.playbook(
        Self.waitForThePaidOrder + """

            - id: unpaid
              wait_for: PRODUCT_PURCHASE
              where: ${{ event.transactionId == steps.other.response.transactionId }}
              timeout: 1m
          """), on: setup)
    await setup.stop()

    guard case .failed(let message) = run.result.outcome else {
      Issue.record("expected a failure, got \(run.result.outcome)")
      return
    }
    #expect(run.finished("paid")?.outcome == .passed)
    #expect(
      message.hasPrefix(
        "no PRODUCT_PURCHASE callback matching ${{ event.transactionId == steps.other.response.transactionId }} arrived within 1m; 1 other PRODUCT_PURCHASE event arrived, the last: {"
      ), "\(message)")
    #expect(message.contains("\"status\":\"COMPLETED\""))
    #expect(message.contains("event.transactionId → \"TXN"))
    // It waited its whole timeout on the run's clock, and no longer.
    #expect(run.finished("unpaid")?.duration == .seconds(60))
  }

  @Test func nothingArrivingTimesOut() async throws {
    let setup = try await EmbeddedSetup.start()
    let run = await Self.run(
      """
      name: Wait for an activation that was never asked for
      steps:
        - id: activation
          wait_for: ACTIVATION
          timeout: 30s
      """, on: setup)
    await setup.stop()

    #expect(run.result.outcome == .failed("no ACTIVATION callback arrived within 30s"))
    #expect(run.finished("activation")?.duration == .seconds(30))
  }

  @Test func onlyEventsReceivedDuringTheRunCount() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reach-wait-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("webhooks.sqlite").path
    let first = try await EmbeddedSetup.start(storePath: path)
    let paid = await Self.run(Self.playbook(Self.waitForThePaidOrder), on: first)
    await first.stop()
    #expect(paid.result.outcome == .passed)

    // The same store, a new run: the earlier PRODUCT_PURCHASE is not this run's.
    let second = try await EmbeddedSetup.start(storePath: path)
    let run = await Self.run(
      """
      name: Any purchase callback
      steps:
        - id: any
          wait_for: PRODUCT_PURCHASE
          timeout: 10s
      """, on: second)
    let stored = try second.receiver.store.count()
    await second.stop()
    #expect(stored == 1)
    #expect(run.result.outcome == .failed("no PRODUCT_PURCHASE callback arrived within 10s"))
  }

  @Test func aRunWithoutAReceiverSaysWhatIsNeeded() async throws {
    let setup = try await EmbeddedSetup.start()
    let client = ReachClient(target: setup.target, clock: setup.clock)
    let runner = PlaybookRunner(
      caller: client, clock: setup.clock,
      source: .inMemory(["wait.yaml": "name: w\nsteps:\n  - wait_for: ACTIVATION\n"]))
    let result = await runner.run(file: "wait.yaml")
    await setup.stop()
    #expect(
      result.outcome
        == .failed(
          "'wait_for ACTIVATION' needs a webhook receiver: run against the embedded sandbox, or give --webhooks-db with the store of the `reach webhooks serve` the platform calls"
        ))
  }
}
