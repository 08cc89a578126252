import HTTPTypes
import ReachCatalogue
import ReachSandbox
import Testing

/// The sandbox does what the guide says where the guide speaks (issue 17), over loopback.
@Suite("Behaviour as the guide says it")
struct GuideBehaviourTests {
  /// Scenario I, "Disconnect a Subscriber": "Permanently disconnects the line. Number is
  /// released." A reconnect gives a new number (assumption: the guide does not say).
  @Test func disconnectReleasesTheNumberAndReconnectGivesANewOne() async throws {
    try await SandboxHarness().runOverLoopback { caller in
      let customerId = try await Flows.activeLine(caller, clientAccountId: "acct-release")
      let number = try #require(try await NumberTests.number(caller, customerId))
      let body: JSONValue = ["customerId": .string(customerId), "reasonCode": "LOST_DEVICE"]
      #expect(try await caller.call(.put, "/apisvc/v0/disconnect", json: body).status == 200)
      // Still held until the disconnection lands.
      #expect(try await NumberTests.number(caller, customerId) == number)
      caller.clock.advance(by: .seconds(30))
      let info = try await caller.call(.get, "/apisvc/v0/customerinfo?customerId=\(customerId)")
      #expect(info["status"] == 4)
      #expect(info["mobileNo"] == nil, "\(info.text)")

      #expect(try await caller.call(.put, "/apisvc/v0/reconnect", json: body).status == 200)
      caller.clock.advance(by: .seconds(30))
      #expect(try await Flows.status(caller, customerId) == 2)
      let again = try #require(try await NumberTests.number(caller, customerId))
      #expect(again != number)
    }
  }

  /// A recorded leaving and a confirmed port-out disconnect the line too, and release its number.
  @Test func everyDisconnectionReleasesTheNumber() async throws {
    try await SandboxHarness(options: SandboxOptions(customers: 2)).runOverLoopback { caller in
      let leaving = try await caller.call(
        .put, "/apisvc/v0/leaving/customer", json: ["customerId": "SUB0000001", "reason": "DISCONNECT"])
      #expect(leaving.status == 200, "\(leaving.text)")
      caller.clock.advance(by: .seconds(30))
      let info = try await caller.call(.get, "/apisvc/v0/customerinfo?customerId=SUB0000001")
      #expect(info["status"] == 4)
      #expect(info["mobileNo"] == nil, "\(info.text)")
    }
  }

  /// An MDN swap that lands after the line was disconnected gives it no number.
  @Test func aSwapLandingAfterADisconnectGivesNoNumber() async throws {
    try await SandboxHarness().runOverLoopback { caller in
      let customerId = try await Flows.activeLine(caller, clientAccountId: "acct-swap-gone")
      #expect(
        try await caller.call(.put, "/apisvc/v0/mdn/swap", json: ["customerId": .string(customerId)]).status < 300)
      let body: JSONValue = ["customerId": .string(customerId), "reasonCode": "LOST_DEVICE"]
      #expect(try await caller.call(.put, "/apisvc/v0/disconnect", json: body).status == 200)
      caller.clock.advance(by: .seconds(60))
      #expect(try await Flows.status(caller, customerId) == 4)
      #expect(try await NumberTests.number(caller, customerId) == nil)
    }
  }

  /// Section 5: 202 is "Async request accepted"; section 6 marks four calls [ASYNC]. Only those
  /// answer 202; a swap or a port-in update, which the guide does not mark, answers 200 though a
  /// status call follows it.
  @Test func only202WhereSection6MarksTheCallAsync() async throws {
    let accepted = Catalogue.endpoints.filter { $0.successStatus == 202 }.map(\.id)
    #expect(accepted.sorted() == ["activation.submit", "customer.reset", "product.purchase", "product.subsequent"])
    try await SandboxHarness().runOverLoopback { caller in
      let customerId = try await Flows.activeLine(caller, clientAccountId: "acct-202")
      let swap = try await caller.call(.put, "/apisvc/v0/mdn/swap", json: ["customerId": .string(customerId)])
      #expect(swap.status == 200, "\(swap.text)")
      caller.clock.advance(by: .seconds(60))
      let reset = try await caller.call(
        .post, "/apisvc/v0/customer/reset/\(customerId)", json: ["resetType": "NETWORK"])
      #expect(reset.status == 202, "\(reset.text)")
    }
  }

  /// Scenario B buys a top-up through "the quote endpoint" (step 3) and "the /subsequent endpoint"
  /// (step 4), polled as Scenario A (step 5). How the pack is named is ours (assumption):
  /// `purchaseType: TOPUP` and its serviceCode as `planId`.
  @Test func aTopUpGoesThroughTheQuoteAndSubsequentEndpoints() async throws {
    try await SandboxHarness().runOverLoopback { caller in
      let customerId = try await Flows.activeLine(caller, clientAccountId: "acct-topup-b")
      let card = try await Flows.defaultCard(caller, customerId)
      let before = try await caller.call(.get, "/apisvc/v0/customerinfo?customerId=\(customerId)")
      let body: [String: JSONValue] = [
        "customerId": .string(customerId), "planId": "TOPUP-5GB", "purchaseType": "TOPUP",
      ]
      let quote = try await caller.call(.post, "/apisvc/v0/product/quote", json: .object(body))
      #expect(quote.status == 200, "\(quote.text)")
      let total = try #require(quote["oneTimeCharge.totalOneTimeCost"]?.doubleValue)
      #expect(total > 20)
      var order = body
      order["ccUUID"] = .string(card)
      let submit = try await caller.call(.post, "/apisvc/v0/product/subsequent", json: .object(order))
      #expect(submit.status == 202, "\(submit.text)")
      let transactionId = try #require(submit["transactionId"]?.stringValue)
      caller.clock.advance(by: .seconds(5))
      let done = try await caller.call(.get, "/apisvc/v0/product/status/\(transactionId)")
      #expect(done["status"] == "COMPLETED", "\(done.text)")
      #expect(done["purchaseType"] == "TOPUP")
      let after = try await caller.call(.get, "/apisvc/v0/customerinfo?customerId=\(customerId)")
      let grown = try #require(before["dataAllowanceGB"]?.doubleValue).advanced(by: 5)
      #expect(after["dataAllowanceGB"]?.doubleValue == grown, "\(after.text)")
      let bills = try await caller.call(.get, "/apisvc/v0/billing/customer/\(customerId)")
      let paid = (bills["bills"]?.arrayValue ?? []).first { $0["amount"]?.doubleValue == total }
      #expect(paid?["status"] == "PAID", "\(bills.text)")

      // A plan's serviceCode is not a pack: 400 on planId, nothing bought.
      var wrong = order
      wrong["planId"] = "REACH-PLUS-15GB"
      let refused = try await caller.call(.post, "/apisvc/v0/product/subsequent", json: .object(wrong))
      #expect(refused.status == 400)
      #expect(refused.errorFields == ["planId"], "\(refused.text)")
    }
  }

  /// Scenario E step 3: "Port-in is initiated at the time of purchase. Include port-in fields in
  /// the purchase body". The line is porting (9) once the purchase completes, with no activation
  /// call, and lands at 2 with the ported number; an activation on the porting line is a 409.
  @Test func portInBeginsWithThePurchase() async throws {
    try await SandboxHarness().runOverLoopback { caller in
      let customerId = try await Flows.completedPurchase(
        caller, clientAccountId: "acct-port-purchase",
        extra: [
          "numberToPort": "3125550177", "oldCarrier": "OtherCo", "oldCarrierAccountNumber": "5566",
          "password": "2468", "oldZip": "60601",
        ])
      let started = try await caller.call(.get, "/apisvc/v0/activation/status?customerId=\(customerId)")
      #expect(started["status"] == 9, "\(started.text)")
      let again = try await caller.call(
        .post, "/apisvc/v0/activation", json: ["customerId": .string(customerId), "iccId": "8901000000000000092"])
      #expect(again.status == 409, "\(again.text)")
      caller.clock.advance(by: .seconds(600))
      let done = try await caller.call(.get, "/apisvc/v0/activation/status?customerId=\(customerId)")
      #expect(done["status"] == 2, "\(done.text)")
      #expect(done["mobileNo"] == "3125550177")
    }
  }
}
