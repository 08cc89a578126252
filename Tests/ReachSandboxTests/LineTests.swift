import HTTPTypes
import ReachCatalogue
import ReachSandbox
import Testing

@Suite("Activation, port-in and lifecycle (Scenarios C, E, I)")
struct LineTests {
  @Test func activationReachesActive() async throws {
    try await SandboxHarness().run { caller in
      let customerId = try await Flows.completedPurchase(caller, clientAccountId: "acct-act")
      let submit = try await caller.call(
        .post, "/apisvc/v0/activation", json: ["customerId": .string(customerId), "iccId": "8901000000000000092"])
      #expect(submit.status == 202)
      #expect(submit["status"] == 1)
      let status = "/apisvc/v0/activation/status?customerId=\(customerId)"
      caller.clock.advance(by: .seconds(119))
      #expect(try await caller.call(.get, status)["status"] == 1)
      caller.clock.advance(by: .seconds(481))
      let done = try await caller.call(.get, status)
      #expect(done["status"] == 2)
      #expect(done["mobileNo"]?.stringValue?.count == 10)
      #expect(done["planName"] == "Plus 15 GB")
      #expect(done["activationDate"]?.stringValue != nil)
      // Activating an active line again is a conflict.
      let again = try await caller.call(
        .post, "/apisvc/v0/activation", json: ["customerId": .string(customerId), "iccId": "8901000000000000092"])
      #expect(again.status == 409)
    }
  }

  @Test func magicIccidFailsWithStatus8() async throws {
    try await SandboxHarness().run { caller in
      let customerId = try await Flows.completedPurchase(caller, clientAccountId: "acct-8")
      let submit = try await caller.call(
        .post, "/apisvc/v0/activation",
        json: ["customerId": .string(customerId), "iccId": .string(MagicValues.failingIccid)])
      #expect(submit.status == 202)
      caller.clock.advance(by: .seconds(600))
      let failed = try await caller.call(.get, "/apisvc/v0/activation/status?customerId=\(customerId)")
      #expect(failed["status"] == 8)
      #expect(failed["activationMsg"]?.stringValue?.isEmpty == false)
    }
  }

  @Test func esimActivationNeedsEsimTrue() async throws {
    try await SandboxHarness().run { caller in
      let customerId = try await Flows.completedPurchase(caller, clientAccountId: "acct-esim")
      let wrong = try await caller.call(
        .post, "/apisvc/v0/activation", json: ["customerId": .string(customerId), "imei": "351234567890124"])
      #expect(wrong.status == 400)
      #expect(wrong.errorFields.contains("esim"))
      let right = try await caller.call(
        .post, "/apisvc/v0/activation",
        json: ["customerId": .string(customerId), "imei": "351234567890124", "esim": true])
      #expect(right.status == 202)
      caller.clock.advance(by: .seconds(600))
      #expect(try await caller.call(.get, "/apisvc/v0/customerinfo?customerId=\(customerId)")["simType"] == "ESIM")
    }
  }

  @Test func portInFailsOnMagicPinThenSucceedsAfterUpdatePin() async throws {
    try await SandboxHarness().run { caller in
      let customerId = try await Flows.completedPurchase(caller, clientAccountId: "acct-port")
      let submit = try await caller.call(
        .post, "/apisvc/v0/activation",
        json: [
          "customerId": .string(customerId), "iccId": "8901000000000000092", "numberToPort": "3125550123",
          "oldCarrier": "OtherCo", "oldCarrierAccountNumber": "998877",
          "password": .string(MagicValues.failingPortInPin),
          "oldZip": "60601",
        ])
      #expect(submit["status"] == 9)
      caller.clock.advance(by: .seconds(600))
      let failed = try await caller.call(.get, "/apisvc/v0/activation/status?customerId=\(customerId)")
      #expect(failed["status"] == 10)
      #expect(failed["activationMsg"]?.stringValue?.isEmpty == false)

      let update = try await caller.call(
        .put, "/apisvc/v0/update/portin",
        json: ["customerId": .string(customerId), "type": "UPDATE_PIN", "password": "1234"])
      // Section 6 does not mark the update [ASYNC]: 200, and the port-in is polled as before.
      #expect(update.status == 200)
      #expect(update["status"] == 9)
      caller.clock.advance(by: .seconds(600))
      let done = try await caller.call(.get, "/apisvc/v0/activation/status?customerId=\(customerId)")
      #expect(done["status"] == 2)
      #expect(done["mobileNo"] == "3125550123")
    }
  }

  @Test func portInCanBeCancelledOrReplacedByANewNumber() async throws {
    try await SandboxHarness().run { caller in
      for (account, type, expected) in [("acct-cancel", "CANCEL_PORT", 11), ("acct-new", "CANCEL_AND_NEW", 2)] {
        let customerId = try await Flows.completedPurchase(
          caller, clientAccountId: account,
          extra: [
            "numberToPort": "3125550188", "oldCarrier": "OtherCo", "oldCarrierAccountNumber": "1122",
            "password": "2468", "oldZip": "60601",
          ])
        // The port began with the purchase (3.E step 3).
        let started = try await caller.call(.get, "/apisvc/v0/activation/status?customerId=\(customerId)")
        #expect(started["status"] == 9)
        let update = try await caller.call(
          .put, "/apisvc/v0/update/portin", json: ["customerId": .string(customerId), "type": .string(type)])
        #expect(update.status == 200)
        caller.clock.advance(by: .seconds(600))
        let status = try await caller.call(.get, "/apisvc/v0/activation/status?customerId=\(customerId)")
        #expect(status["status"] == .int(expected), "\(type)")
        if expected == 2 { #expect(status["mobileNo"] != "3125550188") }
      }
    }
  }

  @Test func suspendThenRestoreAfterADelay() async throws {
    try await SandboxHarness().run { caller in
      let customerId = try await Flows.activeLine(caller, clientAccountId: "acct-sus")
      let body: JSONValue = ["customerId": .string(customerId), "reasonCode": "LOST_DEVICE"]
      #expect(try await Flows.status(caller, customerId) == 2)
      #expect(try await caller.call(.put, "/apisvc/v0/restore", json: body).status == 409)

      let suspend = try await caller.call(.put, "/apisvc/v0/suspend", json: body)
      #expect(suspend.status == 200)
      #expect(suspend["requestId"]?.stringValue != nil)
      #expect(try await Flows.status(caller, customerId) == 2)
      #expect(try await caller.call(.put, "/apisvc/v0/suspend", json: body).status == 409)
      caller.clock.advance(by: .seconds(30))
      #expect(try await Flows.status(caller, customerId) == 3)
      #expect(try await caller.call(.put, "/apisvc/v0/suspend", json: body).status == 409)

      #expect(try await caller.call(.put, "/apisvc/v0/restore", json: body).status == 200)
      caller.clock.advance(by: .seconds(30))
      #expect(try await Flows.status(caller, customerId) == 2)

      #expect(try await caller.call(.put, "/apisvc/v0/disconnect", json: body).status == 200)
      caller.clock.advance(by: .seconds(30))
      #expect(try await Flows.status(caller, customerId) == 4)
      #expect(try await caller.call(.put, "/apisvc/v0/reconnect", json: body).status == 200)
      caller.clock.advance(by: .seconds(30))
      #expect(try await Flows.status(caller, customerId) == 2)
    }
  }

  @Test func immediateUpgradeCompletesAndDowngradeIsScheduled() async throws {
    try await SandboxHarness().run { caller in
      let customerId = try await Flows.activeLine(caller, clientAccountId: "acct-plan")
      let up = try await caller.call(
        .post, "/apisvc/v0/purchase/plan/change",
        json: [
          "customerId": .string(customerId), "newPlanId": "REACH-UNLIMITED", "isUpgrade": true, "immediateEffect": true,
        ])
      let txnId = try #require(up["txnId"]?.stringValue)
      caller.clock.advance(by: .seconds(60))
      #expect(try await caller.call(.get, "/apisvc/v0/status/plan/change/\(txnId)")["status"] == "COMPLETED")
      #expect(
        try await caller.call(.get, "/apisvc/v0/customerinfo?customerId=\(customerId)")["reachPlanId"]
          == "REACH-UNLIMITED")

      let down = try await caller.call(
        .post, "/apisvc/v0/purchase/plan/change",
        json: ["customerId": .string(customerId), "newPlanId": "REACH-STARTER-5GB", "isUpgrade": false])
      #expect(down.status == 200)
      #expect(down["txnId"] == nil)
      #expect(down["status"] == "SCHEDULED")
      let notAllowed = try await caller.call(
        .post, "/apisvc/v0/purchase/plan/change",
        json: ["customerId": .string(customerId), "newPlanId": "REACH-STARTER-5GB", "isUpgrade": true])
      #expect(notAllowed.status == 400)
    }
  }
}

@Suite("Account changes (Scenario K)")
struct AccountTests {
  @Test func dataCutoffAndFieldUpdatesShowInCustomerInfo() async throws {
    try await SandboxHarness().run { caller in
      let customerId = try await Flows.activeLine(caller, clientAccountId: "acct-k")
      let cut = try await caller.call(
        .put, "/apisvc/v0/customer/manage/feature/\(customerId)", json: ["enable": true, "reasonCode": "OVERUSE"])
      #expect(cut.status == 200)
      let wrongReason = try await caller.call(
        .put, "/apisvc/v0/customer/manage/feature/\(customerId)", json: ["enable": true, "reasonCode": "BILLPAID"])
      #expect(wrongReason.status == 400)
      #expect(wrongReason.errorFields == ["reasonCode"])
      let update = try await caller.call(
        .put, "/apisvc/v0/account/update/fields/\(customerId)", json: ["email": "new@example.com"])
      #expect(update["updated"] == ["email"])
      let info = try await caller.call(.get, "/apisvc/v0/customerinfo?customerId=\(customerId)")
      #expect(info["dataCutOff"] == true)
      #expect(info["email"] == "new@example.com")
    }
  }

  @Test func mdnSwapChangesTheNumberAfterADelay() async throws {
    try await SandboxHarness().run { caller in
      let customerId = try await Flows.activeLine(caller, clientAccountId: "acct-mdn")
      let before = try await caller.call(.get, "/apisvc/v0/customerinfo?customerId=\(customerId)")["mobileNo"]
      let swap = try await caller.call(.put, "/apisvc/v0/mdn/swap", json: ["customerId": .string(customerId)])
      // Section 6 does not mark the swap [ASYNC]: 200, and its status call follows it.
      #expect(swap.status == 200)
      #expect(swap["status"] == "IN_PROGRESS")
      let status = "/apisvc/v0/mdn/swap/status/\(customerId)"
      #expect(try await caller.call(.get, status)["status"] == "IN_PROGRESS")
      #expect(
        try await caller.call(.put, "/apisvc/v0/mdn/swap", json: ["customerId": .string(customerId)]).status == 409)
      caller.clock.advance(by: .seconds(60))
      let done = try await caller.call(.get, status)
      #expect(done["status"] == "COMPLETED")
      #expect(done["oldMdn"] == before)
      let after = try await caller.call(.get, "/apisvc/v0/customerinfo?customerId=\(customerId)")["mobileNo"]
      #expect(after == done["newMdn"])
      #expect(after != before)
    }
  }

  @Test func simSwapNeedsTheOtp() async throws {
    try await SandboxHarness().run { caller in
      let customerId = try await Flows.activeLine(caller, clientAccountId: "acct-sim")
      let body: JSONValue = ["customerId": .string(customerId), "otp": "999999", "newIccId": "8901000000000000001"]
      #expect(try await caller.call(.post, "/apisvc/v0/perform/otp/sim/swap", json: body).status == 400)
      let otp = try await caller.call(
        .post, "/apisvc/v0/generate/otp/sim/swap", json: ["customerId": .string(customerId)])
      #expect(otp["otpSent"] == true)
      let wrong = try await caller.call(.post, "/apisvc/v0/perform/otp/sim/swap", json: body)
      #expect(wrong.errorFields == ["otp"])
      let right: JSONValue = [
        "customerId": .string(customerId), "otp": .string(MagicValues.simSwapOtp), "newIccId": "8901000000000000001",
      ]
      let swap = try await caller.call(.post, "/apisvc/v0/perform/otp/sim/swap", json: right)
      #expect(swap.status == 200)
      let id = try #require(swap["id"]?.stringValue)
      caller.clock.advance(by: .seconds(60))
      let done = try await caller.call(.get, "/apisvc/v0/get/status/sim/swap?id=\(id)")
      #expect(done["status"] == "COMPLETED")
      #expect(done["iccId"] == "8901000000000000001")
      #expect(try await caller.call(.get, "/apisvc/v0/get/status/sim/swap?id=SIMSWAP999999").status == 404)
    }
  }
}
