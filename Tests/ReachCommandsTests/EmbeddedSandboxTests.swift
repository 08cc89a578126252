import Foundation
import ReachCatalogue
import ReachClient
import Testing

@testable import ReachCommands

@Suite struct EmbeddedSandboxTests {
  @Test func minutesOfSimulatedPurchaseAndActivationPassOnTheSharedClock() async throws {
    let sandbox = try await EmbeddedSandbox.start()
    let target = sandbox.target
    #expect(target.isSandbox)
    #expect(target.baseURL.hasPrefix("http://127.0.0.1:"))
    let clock = sandbox.clock
    let client = ReachClient(target: target, clock: clock)
    do {
      let plans = try await client.call("product.plans", [:])
      let planId = try #require(plans.body["plans"]?.arrayValue?.first?["serviceCode"])
      let purchase = try await client.call(
        "product.purchase",
        [
          "clientAccountId": .string("A-" + UUID().uuidString), "firstName": "Ann", "lastName": "Lee",
          "email": "ann@brand.example", "planId": planId, "simType": "ESIM", "zip": "94105",
          "redirectUrl": "https://brand.example/paid",
        ])
      #expect(purchase.status == 202)
      let transactionId = try #require(purchase.body["transactionId"])
      // Poll every 5 s, on the shared clock, until the payment link is ready.
      var status = JSONValue.null
      var polls = 0
      while status != "PAYMENT_PENDING" && polls < 20 {
        try await clock.sleep(for: .seconds(5))
        status = try await client.call("product.status", ["transactionId": transactionId]).body["status"] ?? .null
        polls += 1
      }
      #expect(status == "PAYMENT_PENDING")
      #expect(clock.now.offset >= .seconds(5))
      // Half an hour of simulated time passes at once, and the sandbox sees it: the unpaid
      // payment link expires.
      let wall = ContinuousClock.now
      try await clock.sleep(for: .seconds(31 * 60))
      let expired = try await client.call("product.status", ["transactionId": transactionId]).body["status"]
      #expect(expired == "EXPIRED")
      #expect(ContinuousClock.now - wall < .seconds(30))
    } catch {
      await sandbox.stop()
      throw error
    }
    await sandbox.stop()
  }
}
