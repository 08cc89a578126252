import HTTPTypes
import ReachCatalogue
import ReachSandbox
import Testing

@Suite("SIM kit shipments (Scenario A)")
struct ShipmentTests {
  /// What the order, the purchase's status and customerinfo say about the shipment.
  static func views(_ caller: Caller, _ customerId: String, _ transactionId: String) async throws -> [String?] {
    let order = try await caller.call(.get, "/apisvc/v0/shipment/order/customer/\(customerId)")
    return [
      order.status == 200 ? order["status"]?.stringValue : nil,
      try await caller.call(.get, "/apisvc/v0/product/status/\(transactionId)")["shipmentStatus"]?.stringValue,
      try await caller.call(.get, "/apisvc/v0/customerinfo?customerId=\(customerId)")["shipmentStatus"]?.stringValue,
    ]
  }

  static func transaction(_ caller: Caller) async throws -> String {
    let audit = try #require(try await caller.call(.get, "/__sandbox/audit")["entries"]?.arrayValue)
    let pay = try #require(audit.last { $0["endpointId"] == "sandbox.pay" })
    return try #require(pay["path"]?.stringValue?.split(separator: "/").last.map(String.init))
  }

  @Test func aShipmentGoesFromPendingToShippedToDelivered() async throws {
    try await SandboxHarness().run { caller in
      let customerId = try await Flows.completedPurchase(caller, clientAccountId: "acct-ship")
      let transactionId = try await Self.transaction(caller)
      let order = try await caller.call(.get, "/apisvc/v0/shipment/order/customer/\(customerId)")
      #expect(order.status == 200)
      #expect(order["status"] == "PENDING")
      #expect(order["carrier"] == "USPS")
      #expect(order["transactionId"] == .string(transactionId))
      #expect(order["lines"] == 1)
      #expect(order["trackingNumber"] == nil)
      #expect(try await Self.views(caller, customerId, transactionId) == ["PENDING", "PENDING", "PENDING"])
      caller.clock.advance(by: .seconds(4 * 3600))
      #expect(try await Self.views(caller, customerId, transactionId) == ["SHIPPED", "SHIPPED", "SHIPPED"])
      let shipped = try await caller.call(.get, "/apisvc/v0/shipment/order/customer/\(customerId)")
      #expect(shipped["trackingNumber"]?.stringValue?.hasPrefix("9400") == true)
      #expect(shipped["orderId"] == order["orderId"])
      // Too late to cancel.
      let cancel = try await caller.call(.put, "/apisvc/v0/shipment/order/cancel/\(customerId)")
      #expect(cancel.status == 409)
      #expect(cancel.text.contains("SHIPPED"))
      caller.clock.advance(by: .seconds(2 * 86_400))
      #expect(try await Self.views(caller, customerId, transactionId) == ["DELIVERED", "DELIVERED", "DELIVERED"])
      #expect(try await caller.call(.put, "/apisvc/v0/shipment/order/cancel/\(customerId)").status == 409)
    }
  }

  @Test func aPendingShipmentCancelsForEveryLineOfTheOrder() async throws {
    try await SandboxHarness().run { caller in
      let primary = try await Flows.completedPurchase(
        caller, clientAccountId: "acct-ship-2", extra: ["lines": 2, "shippingServiceCode": "SHIP-EXPRESS"])
      let transactionId = try await Self.transaction(caller)
      let secondary = AccountLineTests.nextLine(after: primary)
      let order = try await caller.call(.get, "/apisvc/v0/shipment/order/customer/\(secondary)")
      #expect(order["carrier"] == "UPS")
      #expect(order["lines"] == 2)
      let cancel = try await caller.call(.put, "/apisvc/v0/shipment/order/cancel/\(secondary)")
      #expect(cancel.status == 200)
      #expect(cancel["status"] == "CANCELLED")
      #expect(cancel["orderId"] == order["orderId"])
      #expect(try await Self.views(caller, primary, transactionId) == ["CANCELLED", "CANCELLED", "CANCELLED"])
      #expect(try await Self.views(caller, secondary, transactionId) == ["CANCELLED", "CANCELLED", "CANCELLED"])
      let again = try await caller.call(.put, "/apisvc/v0/shipment/order/cancel/\(primary)")
      #expect(again.status == 409)
      #expect(again.text.contains("cancelled already"))
      // A cancelled shipment never ships.
      caller.clock.advance(by: .seconds(3 * 86_400))
      #expect(try await Self.views(caller, primary, transactionId) == ["CANCELLED", "CANCELLED", "CANCELLED"])
      let audit = try #require(try await caller.call(.get, "/__sandbox/audit")["entries"]?.arrayValue)
      let cancels = audit.filter { $0["endpointId"] == "shipment.cancel" }
      #expect(cancels.count == 1)
      #expect(cancels.first?["customerId"] == .string(secondary))
    }
  }

  @Test func activatingTheSimMeansTheKitArrived() async throws {
    try await SandboxHarness().run { caller in
      let customerId = try await Flows.completedPurchase(caller, clientAccountId: "acct-ship-act")
      let transactionId = try await Self.transaction(caller)
      let submit = try await caller.call(
        .post, "/apisvc/v0/activation", json: ["customerId": .string(customerId), "iccId": "8901000000000000092"])
      #expect(submit.status == 202)
      #expect(try await Self.views(caller, customerId, transactionId) == ["DELIVERED", "DELIVERED", "DELIVERED"])
      #expect(try await caller.call(.put, "/apisvc/v0/shipment/order/cancel/\(customerId)").status == 409)
    }
  }

  @Test func nothingShipsForAnEsimLineOrAnUnknownCustomer() async throws {
    try await SandboxHarness().run { caller in
      for path in ["/apisvc/v0/shipment/order/customer/CUST999999", "/apisvc/v0/shipment/order/cancel/CUST999999"] {
        #expect(try await caller.call(path.contains("cancel") ? .put : .get, path).status == 404)
      }
      let esim = try await Flows.completedPurchase(
        caller, clientAccountId: "acct-ship-esim", extra: ["simType": "ESIM", "imei": "351234567890124"])
      let transactionId = try await Self.transaction(caller)
      let order = try await caller.call(.get, "/apisvc/v0/shipment/order/customer/\(esim)")
      #expect(order.status == 404)
      #expect(order.text.contains("eSIM"))
      #expect(try await caller.call(.put, "/apisvc/v0/shipment/order/cancel/\(esim)").status == 404)
      let views = try await Self.views(caller, esim, transactionId)
      #expect(views == [nil, "NOT_APPLICABLE", nil])
    }
  }

  @Test func addedPhysicalLinesGetAnOrderOfTheirOwn() async throws {
    try await SandboxHarness().run { caller in
      let owner = try await Flows.completedPurchase(caller, clientAccountId: "acct-ship-add")
      let ownerOrder = try await caller.call(.get, "/apisvc/v0/shipment/order/customer/\(owner)")["orderId"]
      let ccUUID = try #require(
        try await caller.call(.get, "/apisvc/v0/account/card?customerId=\(owner)")["cards.0.uuid"]?.stringValue)
      let add = try await caller.call(
        .post, "/apisvc/v0/product/subsequent",
        json: [
          "customerId": .string(owner), "planId": "REACH-PLUS-15GB", "purchaseType": "ADD_LINE", "lines": 1,
          "ccUUID": .string(ccUUID),
        ])
      let transactionId = try #require(add["transactionId"]?.stringValue)
      caller.clock.advance(by: .seconds(5))
      let done = try await caller.call(.get, "/apisvc/v0/product/status/\(transactionId)")
      #expect(done["status"] == "COMPLETED")
      #expect(done["shipmentStatus"] == "PENDING")
      // The owner's own kit is a different order, unchanged by the new one.
      #expect(try await caller.call(.get, "/apisvc/v0/shipment/order/customer/\(owner)")["orderId"] == ownerOrder)
    }
  }
}
