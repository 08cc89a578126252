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
}
