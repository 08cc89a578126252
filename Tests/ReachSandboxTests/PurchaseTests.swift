import HTTPTypes
import ReachCatalogue
import ReachSandbox
import Testing

@Suite("Purchase (Scenario A)")
struct PurchaseTests {
  @Test func purchaseRunsToCompleted() async throws {
    try await SandboxHarness().run { caller in
      let quote = try await caller.call(
        .post, "/apisvc/v0/product/quote", json: ["planId": "REACH-PLUS-15GB", "zip": "10001", "simType": "PSIM"])
      #expect(quote.status == 200)
      #expect(quote["oneTimeCharge.totalOneTimeCost"]?.doubleValue != nil)
      #expect(quote["estimatedMonthlyCost.planCost"] == 25)

      let id = try await caller.purchase(clientAccountId: "acct-1")
      let status = "/apisvc/v0/product/status/\(id)"
      #expect(try await caller.call(.get, status)["status"] == "ORDER_RECEIVED")

      caller.clock.advance(by: .seconds(5))
      let pending = try await caller.call(.get, status)
      #expect(pending["status"] == "PAYMENT_PENDING")
      #expect(pending["link.expireDate"]?.stringValue?.hasSuffix("Z") == true)
      let url = try #require(pending["link.url"]?.stringValue)
      #expect(url == "http://sandbox.test/__sandbox/pay/\(id)")

      let page = try await caller.call(.get, caller.path(of: url), headers: [:])
      #expect(page.status == 200)
      #expect(page.text.contains("<form"))

      let paid = try await caller.call(.post, caller.path(of: url), form: "cardNumber=4242424242424242", headers: [:])
      #expect(paid.status == 302)
      #expect(paid.headers[.location] == "\(Caller.redirectUrl)?transId=\(id)")
      #expect(try await caller.call(.get, status)["status"] == "PAYMENT_PROCESSING")

      caller.clock.advance(by: .seconds(5))
      let done = try await caller.call(.get, status)
      #expect(done["status"] == "COMPLETED")
      #expect(done["clientAccountId"] == "acct-1")
      #expect(done["shipmentStatus"] == "PENDING")
      #expect(done["simType"] == "PSIM")
      let customerId = try #require(done["customerId"]?.stringValue)

      let info = try await caller.call(.get, "/apisvc/v0/customerinfo?customerId=\(customerId)")
      #expect(info["status"] == 0)
      #expect(info["reachPlanId"] == "REACH-PLUS-15GB")
      let cards = try await caller.call(.get, "/apisvc/v0/account/card?customerId=\(customerId)")
      #expect(cards["cards.0.last4"] == "4242")
      let bills = try await caller.call(.get, "/apisvc/v0/billing/customer/\(customerId)")
      #expect(bills["bills.0.status"] == "DUE")
    }
  }

  @Test func decliningCardFails() async throws {
    try await SandboxHarness().run { caller in
      let id = try await caller.purchase(clientAccountId: "acct-declined")
      caller.clock.advance(by: .seconds(5))
      let url = try #require(try await caller.call(.get, "/apisvc/v0/product/status/\(id)")["link.url"]?.stringValue)
      let paid = try await caller.call(.post, caller.path(of: url), form: "cardNumber=\(MagicValues.decliningCard)")
      #expect(paid.status == 302)
      #expect(paid.headers[.location] == "\(Caller.redirectUrl)?transId=\(id)")
      caller.clock.advance(by: .seconds(5))
      let failed = try await caller.call(.get, "/apisvc/v0/product/status/\(id)")
      #expect(failed["status"] == "FAILED")
      #expect(failed["paymentStatusDesc"]?.stringValue?.isEmpty == false)
      #expect(failed["customerId"] == nil)
      // A failed order does not block a new one with the same clientAccountId.
      #expect(
        try await caller.call(.post, "/apisvc/v0/product", json: caller.purchaseBody(clientAccountId: "acct-declined"))
          .status == 202)
    }
  }

  @Test func decliningZipFailsAndUnpaidLinkExpires() async throws {
    try await SandboxHarness().run { caller in
      let declined = try await caller.purchase(clientAccountId: "acct-zip", zip: MagicValues.decliningZip)
      let expiring = try await caller.purchase(clientAccountId: "acct-late")
      caller.clock.advance(by: .seconds(5))
      let url = try #require(
        try await caller.call(.get, "/apisvc/v0/product/status/\(declined)")["link.url"]?.stringValue)
      #expect(try await caller.call(.post, caller.path(of: url)).status == 302)
      caller.clock.advance(by: .seconds(31 * 60))
      #expect(try await caller.call(.get, "/apisvc/v0/product/status/\(declined)")["status"] == "FAILED")
      #expect(try await caller.call(.get, "/apisvc/v0/product/status/\(expiring)")["status"] == "EXPIRED")
      // Paying an expired link is a conflict: a new order is needed.
      #expect(try await caller.call(.post, "/__sandbox/pay/\(expiring)").status == 409)
    }
  }
}
