import HTTPTypes
import ReachCatalogue
import ReachSandbox
import Testing

@Suite("ILD credits: quote, purchase, balance, usage by destination, history")
struct ILDTests {
  static func quote(_ caller: Caller, _ customerId: String, _ amount: Double) async throws -> Reply {
    try await caller.call(
      .post, "/apisvc/v0/ild/quote", json: ["customerId": .string(customerId), "amount": .double(amount)])
  }

  static func buy(_ caller: Caller, _ customerId: String, _ amount: Double, card: String) async throws -> Reply {
    try await caller.call(
      .post, "/apisvc/v0/ild/purchase",
      json: ["customerId": .string(customerId), "amount": .double(amount), "ccUUID": .string(card)])
  }

  @Test func creditIsBoughtThenSpentByCallsUntilItCannotPayAMinute() async throws {
    try await SandboxHarness().run { caller in
      let customerId = try await Flows.activeLine(caller, clientAccountId: "acct-ild")
      let groupId = try await Flows.groupId(caller, customerId)
      let card = try await Flows.defaultCard(caller, customerId)
      let status = "/apisvc/v0/ild/status?groupId=\(groupId)"
      #expect(try await caller.call(.get, status)["balance"] == 0)

      let quote = try await Self.quote(caller, customerId, 10)
      #expect(quote.status == 200)
      #expect(quote["amount"] == 10)
      #expect(quote["tax"] == 0.8)
      #expect(quote["total"] == 10.8)
      let bought = try await Self.buy(caller, customerId, 10, card: card)
      #expect(bought.status == 200)
      #expect(bought["balance"] == 10)
      let purchaseId = try #require(bought["purchaseId"]?.stringValue)
      #expect(try await caller.call(.get, status)["balance"] == 10)

      // The charge: a paid bill of the credit plus tax.
      let bills = try await caller.call(.get, "/apisvc/v0/billing/customer/\(customerId)")["bills"]?.arrayValue ?? []
      #expect(bills.contains { $0["amount"] == 10.8 && $0["status"] == "PAID" })
      let history = try await caller.call(.get, "/apisvc/v0/ild/purchase/history/\(customerId)")
      #expect(history["purchases.0.purchaseId"] == .string(purchaseId))
      #expect(history["purchases.0.amount"] == 10)
      #expect(history["purchases"]?.arrayValue?.count == 1)

      // The first call, 6 hours later: 10 minutes to Mexico at 0.10.
      caller.clock.advance(by: .seconds(6 * 3600 - 1))
      #expect(try await caller.call(.get, status)["balance"] == 10)
      caller.clock.advance(by: .seconds(1))
      #expect(try await caller.call(.get, status)["balance"] == 9)
      let first = try await caller.call(.get, "/apisvc/v0/ild/usage?groupId=\(groupId)")
      #expect(first["destinations"] == [["country": "MX", "minutes": 10, "cost": 1]])

      // MX 1.00, IN 1.50, PH 2.50, GB 0.50, MX 1.00, IN 1.50, then 8 minutes to PH take the last 2.00.
      caller.clock.advance(by: .seconds(6 * 6 * 3600))
      #expect(try await caller.call(.get, status)["balance"] == 0)
      let usage = try await caller.call(.get, "/apisvc/v0/ild/usage?groupId=\(groupId)")
      #expect(
        usage["destinations"] == [
          ["country": "GB", "minutes": 10, "cost": 0.5], ["country": "IN", "minutes": 20, "cost": 3],
          ["country": "MX", "minutes": 20, "cost": 2], ["country": "PH", "minutes": 18, "cost": 4.5],
        ])
      // Nothing left to pay a minute: the calls stop.
      caller.clock.advance(by: .seconds(30 * 86_400))
      #expect(try await caller.call(.get, "/apisvc/v0/ild/usage?groupId=\(groupId)").json == usage.json)

      // A new purchase starts the calls again, on from where the rotation stopped (GB).
      _ = try await Self.quote(caller, customerId, 5)
      #expect(try await Self.buy(caller, customerId, 5, card: card)["balance"] == 5)
      caller.clock.advance(by: .seconds(6 * 3600))
      #expect(try await caller.call(.get, status)["balance"] == 4.5)
      #expect(
        try await caller.call(.get, "/apisvc/v0/ild/purchase/history/\(customerId)")["purchases"]?.arrayValue?.count
          == 2)
    }
  }

  @Test func aLineThatIsNotActiveMakesNoCalls() async throws {
    try await SandboxHarness().run { caller in
      let customerId = try await Flows.activeLine(caller, clientAccountId: "acct-ild-susp")
      let groupId = try await Flows.groupId(caller, customerId)
      let card = try await Flows.defaultCard(caller, customerId)
      _ = try await Self.quote(caller, customerId, 20)
      #expect(try await Self.buy(caller, customerId, 20, card: card).status == 200)
      #expect(
        try await caller.call(.put, "/apisvc/v0/suspend", json: ["customerId": .string(customerId), "reasonCode": "x"])
          .status == 200)
      caller.clock.advance(by: .seconds(2 * 86_400))
      let status = "/apisvc/v0/ild/status?groupId=\(groupId)"
      #expect(try await caller.call(.get, status)["balance"] == 20)
      // Suspended, it cannot buy either.
      let quote = try await Self.quote(caller, customerId, 5)
      #expect(quote.status == 409)
      #expect(try await Self.buy(caller, customerId, 5, card: card).status == 409)
      // Restored, the calls resume at the next 6-hour mark.
      #expect(
        try await caller.call(.put, "/apisvc/v0/restore", json: ["customerId": .string(customerId), "reasonCode": "x"])
          .status == 200)
      caller.clock.advance(by: .seconds(6 * 3600))
      #expect(try await caller.call(.get, status)["balance"] == 19)
    }
  }

  @Test func errorsAnswer400404And409AndChangeNothing() async throws {
    try await SandboxHarness().run { caller in
      let customerId = try await Flows.activeLine(caller, clientAccountId: "acct-ild-err")
      let other = try await Flows.activeLine(caller, clientAccountId: "acct-ild-other")
      let groupId = try await Flows.groupId(caller, customerId)
      let card = try await Flows.defaultCard(caller, customerId)
      let othersCard = try await Flows.defaultCard(caller, other)
      let declining = try await Flows.addCard(caller, customerId, number: MagicValues.decliningCard)

      // 409: a purchase needs the quote of the same body first.
      let unquoted = try await Self.buy(caller, customerId, 10, card: card)
      #expect(unquoted.status == 409)
      #expect(unquoted.text.contains("ild.quote"))
      _ = try await Self.quote(caller, customerId, 10)
      #expect(try await Self.buy(caller, customerId, 12, card: card).status == 409)
      // 400: an amount out of range names the field.
      let zero = try await Self.quote(caller, customerId, 0)
      #expect(zero.status == 400)
      #expect(zero.errorFields == ["amount"])
      #expect(try await Self.quote(caller, customerId, 1.005).errorFields == ["amount"])
      // 404: unknown customer, group, card, or a card of another customer.
      #expect(try await Self.quote(caller, "CUST999999", 10).status == 404)
      #expect(try await Self.buy(caller, customerId, 10, card: "CARD999999").status == 404)
      #expect(try await Self.buy(caller, customerId, 10, card: othersCard).status == 404)
      #expect(try await caller.call(.get, "/apisvc/v0/ild/status?groupId=GRP999999").status == 404)
      #expect(try await caller.call(.get, "/apisvc/v0/ild/usage?groupId=GRP999999").status == 404)
      #expect(try await caller.call(.get, "/apisvc/v0/ild/purchase/history/CUST999999").status == 404)
      // 400 on ccUUID: the magic declining card declines, and the quote stays open.
      let declined = try await Self.buy(caller, customerId, 10, card: declining)
      #expect(declined.status == 400)
      #expect(declined.errorFields == ["ccUUID"])
      let status = "/apisvc/v0/ild/status?groupId=\(groupId)"
      #expect(try await caller.call(.get, status)["balance"] == 0)
      #expect(try await Self.buy(caller, customerId, 10, card: card).status == 200)
      // A quote buys once: the same purchase again (a retry after a timeout) is 409.
      #expect(try await Self.buy(caller, customerId, 10, card: card).status == 409)
      #expect(try await caller.call(.get, status)["balance"] == 10)
      // A quote is valid for 30 minutes.
      _ = try await Self.quote(caller, customerId, 10)
      caller.clock.advance(by: .seconds(30 * 60))
      #expect(try await Self.buy(caller, customerId, 10, card: card).status == 409)

      let audit = try await caller.call(.get, "/__sandbox/audit")["entries"]?.arrayValue ?? []
      #expect(audit.filter { $0["endpointId"] == "ild.purchase" }.count == 1)
    }
  }
}
