import HTTPTypes
import ReachCatalogue
import ReachSandbox
import Testing

@Suite("Data top-ups (Scenario B)")
struct TopupTests {
  static func allowance(_ caller: Caller, _ customerId: String) async throws -> Double? {
    try await caller.call(.get, "/apisvc/v0/customerinfo?customerId=\(customerId)")["dataAllowanceGB"]?.doubleValue
  }

  static func card(_ caller: Caller, _ customerId: String) async throws -> String {
    let cards = try await caller.call(.get, "/apisvc/v0/account/card?customerId=\(customerId)")
    guard let uuid = cards["cards.0.uuid"]?.stringValue else { throw HarnessError("no card: \(cards.text)") }
    return uuid
  }

  @Test func aTopupIsChargedAndAddsToTheAllowanceThatCustomerinfoShows() async throws {
    try await SandboxHarness().run { caller in
      let customerId = try await Flows.activeLine(caller, clientAccountId: "acct-topup")
      #expect(try await Self.allowance(caller, customerId) == 15)
      let quote = try await caller.call(
        .post, "/apisvc/v0/topup/quote", json: ["customerId": .string(customerId), "topupCode": "TOPUP-5GB"])
      #expect(quote.status == 200)
      #expect(quote["dataGB"] == 5)
      #expect(quote["amount"] == 20)
      #expect(quote["tax"] == 1.6)
      #expect(quote["total"] == 21.6)
      // A quote changes nothing.
      #expect(try await Self.allowance(caller, customerId) == 15)

      let ccUUID = try await Self.card(caller, customerId)
      let bought = try await caller.call(
        .post, "/apisvc/v0/topup/purchase",
        json: ["customerId": .string(customerId), "topupCode": "TOPUP-5GB", "ccUUID": .string(ccUUID)])
      #expect(bought.status == 200)
      #expect(bought["status"] == "COMPLETED")
      #expect(bought["total"] == quote["total"])
      #expect(bought["dataAllowanceGB"] == 20)
      #expect(try await Self.allowance(caller, customerId) == 20)
      let transactionId = try #require(bought["transactionId"]?.stringValue)
      let status = try await caller.call(.get, "/apisvc/v0/product/status/\(transactionId)")
      #expect(status["status"] == "COMPLETED")
      #expect(status["purchaseType"] == "TOPUP")
      #expect(status["customerId"] == .string(customerId))
      #expect(status["shipmentStatus"] == "NOT_APPLICABLE")
      // Charged to the card at once: a paid bill of the quoted total.
      let bills = try #require(
        try await caller.call(.get, "/apisvc/v0/billing/customer/\(customerId)")["bills"]?.arrayValue)
      #expect(bills.contains { $0["amount"] == 21.6 && $0["status"] == "PAID" })

      // The quote bought once: the same purchase again (a retry) does not charge twice.
      let retry = try await caller.call(
        .post, "/apisvc/v0/topup/purchase",
        json: ["customerId": .string(customerId), "topupCode": "TOPUP-5GB", "ccUUID": .string(ccUUID)])
      #expect(retry.status == 409)
      #expect(retry.text.contains("topup.quote"))
      #expect(try await Self.allowance(caller, customerId) == 20)

      // Packs add up.
      _ = try await caller.call(
        .post, "/apisvc/v0/topup/quote", json: ["customerId": .string(customerId), "topupCode": "TOPUP-1GB"])
      let more = try await caller.call(
        .post, "/apisvc/v0/topup/purchase",
        json: ["customerId": .string(customerId), "topupCode": "TOPUP-1GB", "ccUUID": .string(ccUUID)])
      #expect(more["dataAllowanceGB"] == 21)
      #expect(try await Self.allowance(caller, customerId) == 21)
      let audit = try #require(try await caller.call(.get, "/__sandbox/audit")["entries"]?.arrayValue)
      #expect(audit.filter { $0["endpointId"] == "topup.purchase" }.count == 2)
      #expect(audit.filter { $0["endpointId"] == "topup.purchase" }.allSatisfy { $0["outcome"] == "200" })
      #expect(!audit.contains { $0["endpointId"] == "topup.quote" })
    }
  }

  @Test func topupErrorsChangeNothing() async throws {
    try await SandboxHarness().run { caller in
      let customerId = try await Flows.activeLine(caller, clientAccountId: "acct-topup-err")
      let ccUUID = try await Self.card(caller, customerId)
      func buy(_ body: [String: JSONValue]) async throws -> Reply {
        try await caller.call(.post, "/apisvc/v0/topup/purchase", json: .object(body))
      }
      let valid: [String: JSONValue] = [
        "customerId": .string(customerId), "topupCode": "TOPUP-1GB", "ccUUID": .string(ccUUID),
      ]
      #expect(try await buy(valid.merging(["customerId": "CUST999999"]) { $1 }).status == 404)
      #expect(
        try await caller.call(
          .post, "/apisvc/v0/topup/quote", json: ["customerId": "CUST999999", "topupCode": "TOPUP-1GB"]
        ).status == 404)
      // A service that is not a data pack.
      let shipping = try await buy(valid.merging(["topupCode": "SHIP-EXPRESS"]) { $1 })
      #expect(shipping.status == 400)
      #expect(shipping.errorFields == ["topupCode"])
      let missing = try await buy(valid.filter { $0.key != "topupCode" })
      #expect(missing.status == 400)
      #expect(missing.errorFields == ["topupCode"])
      // No quote for this pack yet.
      let unquoted = try await buy(valid)
      #expect(unquoted.status == 409)
      #expect(unquoted.text.contains("topup.quote"))
      _ = try await caller.call(
        .post, "/apisvc/v0/topup/quote", json: ["customerId": .string(customerId), "topupCode": "TOPUP-1GB"])
      #expect(try await buy(valid.merging(["ccUUID": "CARD999999"]) { $1 }).status == 404)
      // Another customer's card.
      let other = try await Flows.activeLine(caller, clientAccountId: "acct-topup-other")
      let otherCard = try await Self.card(caller, other)
      #expect(try await buy(valid.merging(["ccUUID": .string(otherCard)]) { $1 }).status == 404)
      // The magic declining card: 400 on ccUUID, nothing charged.
      let declining = try await Flows.addCard(caller, customerId, number: MagicValues.decliningCard)
      let declined = try await buy(valid.merging(["ccUUID": .string(declining)]) { $1 })
      #expect(declined.status == 400)
      #expect(declined.errorFields == ["ccUUID"])
      #expect(try await Self.allowance(caller, customerId) == 15)
      let bills = try #require(
        try await caller.call(.get, "/apisvc/v0/billing/customer/\(customerId)")["bills"]?.arrayValue)
      #expect(!bills.contains { $0["status"] == "PAID" })
      // The quote is still open: the card on file pays.
      #expect(try await buy(valid).status == 200)
      #expect(try await Self.allowance(caller, customerId) == 16)

      // A line that is not active, and a plan with unlimited data: conflicts.
      let inactive = try await Flows.completedPurchase(caller, clientAccountId: "acct-topup-new")
      let inactiveCard = try await Self.card(caller, inactive)
      let notActive = try await buy([
        "customerId": .string(inactive), "topupCode": "TOPUP-1GB", "ccUUID": .string(inactiveCard),
      ])
      #expect(notActive.status == 409)
      let unlimited = try await Flows.completedPurchase(
        caller, clientAccountId: "acct-topup-unl", extra: ["planId": "REACH-UNLIMITED"])
      _ = try await caller.call(
        .post, "/apisvc/v0/activation", json: ["customerId": .string(unlimited), "iccId": "8901000000000000092"])
      caller.clock.advance(by: .seconds(600))
      #expect(try await Self.allowance(caller, unlimited) == 0)
      let quote = try await caller.call(
        .post, "/apisvc/v0/topup/quote", json: ["customerId": .string(unlimited), "topupCode": "TOPUP-1GB"])
      #expect(quote.status == 409)
      #expect(quote.text.contains("unlimited data"))
      #expect(try await Self.allowance(caller, unlimited) == 0)
      let audit = try #require(try await caller.call(.get, "/__sandbox/audit")["entries"]?.arrayValue)
      #expect(audit.filter { $0["endpointId"] == "topup.purchase" }.count == 1)
    }
  }
}
