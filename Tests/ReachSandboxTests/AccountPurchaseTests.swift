import HTTPTypes
import ReachCatalogue
import ReachSandbox
import Testing

@Suite("Subsequent purchases and billing (Scenarios B, H)")
struct AccountPurchaseTests {
  @Test func subsequentPurchaseWithCardOnFileCompletes() async throws {
    try await SandboxHarness().run { caller in
      let customerId = try await Flows.activeLine(caller, clientAccountId: "acct-b")
      let card = try #require(
        try await caller.call(.get, "/apisvc/v0/account/card?customerId=\(customerId)")["cards.0.uuid"])
      let reply = try await caller.call(
        .post, "/apisvc/v0/product/subsequent",
        json: [
          "customerId": .string(customerId), "planId": "REACH-PLUS-15GB", "purchaseType": "ADD_LINE",
          "ccUUID": card,
        ])
      #expect(reply.status == 202)
      let id = try #require(reply["transactionId"]?.stringValue)
      #expect(try await caller.call(.get, "/apisvc/v0/product/status/\(id)")["status"] == "PAYMENT_PROCESSING")
      caller.clock.advance(by: .seconds(5))
      let done = try await caller.call(.get, "/apisvc/v0/product/status/\(id)")
      #expect(done["status"] == "COMPLETED")
      #expect(done["purchaseType"] == "ADD_LINE")
      #expect(done["customerId"] == .string(customerId))

      let unknownCard = try await caller.call(
        .post, "/apisvc/v0/product/subsequent",
        json: ["customerId": .string(customerId), "planId": "REACH-PLUS-15GB", "ccUUID": "CARD999999"])
      #expect(unknownCard.status == 404)
      let neither = try await caller.call(
        .post, "/apisvc/v0/product/subsequent",
        json: ["customerId": .string(customerId), "planId": "REACH-PLUS-15GB"])
      #expect(neither.status == 400)
    }
  }

  @Test func subsequentPurchaseWithoutCardGoesThroughThePaymentLink() async throws {
    try await SandboxHarness().run { caller in
      let customerId = try await Flows.completedPurchase(
        caller, clientAccountId: "acct-b-link", extra: ["simType": "ESIM", "imei": "351234567890124"])
      let reply = try await caller.call(
        .post, "/apisvc/v0/product/subsequent",
        json: [
          "customerId": .string(customerId), "planId": "REACH-UNLIMITED", "redirectUrl": "https://brand.example/renew",
        ])
      let id = try #require(reply["transactionId"]?.stringValue)
      caller.clock.advance(by: .seconds(5))
      let pending = try await caller.call(.get, "/apisvc/v0/product/status/\(id)")
      #expect(pending["status"] == "PAYMENT_PENDING")
      let url = try #require(pending["link.url"]?.stringValue)
      let paid = try await caller.call(.post, caller.path(of: url), form: "cardNumber=4242424242424242")
      #expect(paid.headers[.location] == "https://brand.example/renew?transId=\(id)")
      caller.clock.advance(by: .seconds(5))
      let done = try await caller.call(.get, "/apisvc/v0/product/status/\(id)")
      #expect(done["status"] == "COMPLETED")
      #expect(done["purchaseType"] == "RENEWAL")
      #expect(done["simType"] == "ESIM")
      #expect(done["shipmentStatus"] == "NOT_APPLICABLE")
    }
  }

  @Test func payingABillOnceThenConflict() async throws {
    try await SandboxHarness().run { caller in
      let customerId = try await Flows.completedPurchase(caller, clientAccountId: "acct-h")
      let bills = try await caller.call(.get, "/apisvc/v0/billing/customer/\(customerId)")
      let billId = try #require(bills["bills.0.billId"]?.stringValue)
      let amount = try #require(bills["bills.0.amount"])
      let details = try await caller.call(.get, "/apisvc/v0/billing/customize/\(billId)")
      let invoiceId = try #require(details["invoiceId"]?.stringValue)
      #expect(details["items"]?.arrayValue?.isEmpty == false)
      let card = try #require(
        try await caller.call(.get, "/apisvc/v0/account/card?customerId=\(customerId)")["cards.0.uuid"])

      let body: JSONValue = [
        "customerId": .string(customerId), "billId": .string(billId), "ccUUID": card, "amount": amount,
      ]
      let paid = try await caller.call(.post, "/apisvc/v0/payment/customer", json: body)
      #expect(paid.status == 200)
      #expect(paid["billStatus"] == "PAID")
      #expect(try await caller.call(.post, "/apisvc/v0/payment/customer", json: body).status == 409)

      let history = try await caller.call(.get, "/apisvc/v0/invoice/history/\(customerId)")
      #expect(history["invoices.0.invoiceId"] == .string(invoiceId))
      let link = try await caller.call(
        .get, "/apisvc/v0/invoice/link/generate?customerId=\(customerId)&invoiceId=\(invoiceId)")
      #expect(link["link.url"]?.stringValue?.hasSuffix("\(invoiceId).pdf") == true)
      let missing = try await caller.call(
        .get, "/apisvc/v0/invoice/link/generate?customerId=\(customerId)&invoiceId=INV999999")
      #expect(missing.status == 404)
    }
  }
}
