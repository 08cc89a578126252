import HTTPTypes
import ReachCatalogue
import ReachSandbox
import Testing

@Suite("Leaving, voicemail PIN reset, primary line swap")
struct AccountLineTests {
  static func info(_ caller: Caller, _ customerId: String) async throws -> Reply {
    try await caller.call(.get, "/apisvc/v0/customerinfo?customerId=\(customerId)")
  }

  static func leave(_ caller: Caller, _ customerId: String, _ reason: String, on date: String? = nil) async throws
    -> Reply
  {
    var body: [String: JSONValue] = ["customerId": .string(customerId), "reason": .string(reason)]
    body["leavingDate"] = date.map(JSONValue.string)
    return try await caller.call(.put, "/apisvc/v0/leaving/customer", json: .object(body))
  }

  /// The line after `customerId` in a multi-line purchase: ids are consecutive.
  static func nextLine(after customerId: String) -> String {
    let digits = customerId.filter(\.isNumber)
    let next = String(Int(digits)! + 1)
    return "CUST" + String(repeating: "0", count: digits.count - next.count) + next
  }

  @Test func leavingTodayDisconnectsTheLineAndAReconnectWithdrawsIt() async throws {
    try await SandboxHarness().run { caller in
      let customerId = try await Flows.activeLine(caller, clientAccountId: "acct-leave")
      let recorded = try await Self.leave(caller, customerId, "PORT_OUT")
      #expect(recorded.status == 200)
      #expect(recorded["recorded"] == true)
      #expect(recorded["leavingDate"] == "2026-01-01")
      var info = try await Self.info(caller, customerId)
      #expect(info["leavingReason"] == "PORT_OUT")
      #expect(info["leavingDate"] == "2026-01-01")
      #expect(info["status"] == 2)
      caller.clock.advance(by: .seconds(29))
      #expect(try await Flows.status(caller, customerId) == 2)
      caller.clock.advance(by: .seconds(1))
      #expect(try await Flows.status(caller, customerId) == 4)
      // Retry-safe: the same record again is accepted; a different one after the line left is not.
      #expect(try await Self.leave(caller, customerId, "PORT_OUT").status == 200)
      #expect(try await Self.leave(caller, customerId, "DISCONNECT").status == 409)
      // The customer comes back: the leaving is withdrawn and the line reconnects.
      let reconnect = try await caller.call(
        .put, "/apisvc/v0/reconnect", json: ["customerId": .string(customerId), "reasonCode": "WINBACK"])
      #expect(reconnect.status == 200)
      caller.clock.advance(by: .seconds(30))
      info = try await Self.info(caller, customerId)
      #expect(info["status"] == 2)
      #expect(info["leavingReason"] == nil)
      #expect(info["leavingDate"] == nil)
      let audit = try #require(try await caller.call(.get, "/__sandbox/audit")["entries"]?.arrayValue)
      let leavings = audit.filter { $0["endpointId"] == "customer.leaving" }
      // Accepted twice (the record and its retry), the refused one not at all.
      #expect(leavings.count == 2)
      #expect(leavings.allSatisfy { $0["customerId"] == .string(customerId) && $0["outcome"] == "200" })
    }
  }

  @Test func aFutureLeavingWaitsForItsDayAndCanBeChangedUntilThen() async throws {
    try await SandboxHarness().run { caller in
      let customerId = try await Flows.activeLine(caller, clientAccountId: "acct-later")
      #expect(try await Self.leave(caller, customerId, "DISCONNECT", on: "2026-01-03").status == 200)
      // Changed before the day: the new record replaces the old one.
      let changed = try await Self.leave(caller, customerId, "PORT_OUT", on: "2026-01-02")
      #expect(changed.status == 200)
      #expect(try await Self.info(caller, customerId)["leavingReason"] == "PORT_OUT")
      // The clock is at 2026-01-01T00:10:10Z: the line stays active until the start of Jan 2.
      caller.clock.advance(by: .seconds(86_400 - 611))
      #expect(try await Flows.status(caller, customerId) == 2)
      caller.clock.advance(by: .seconds(1))
      let info = try await Self.info(caller, customerId)
      #expect(info["status"] == 4)
      #expect(info["leavingDate"] == "2026-01-02")
    }
  }

  @Test func leavingErrors() async throws {
    try await SandboxHarness().run { caller in
      #expect(try await Self.leave(caller, "CUST999999", "PORT_OUT").status == 404)
      // A line that never went live cannot leave.
      let inactive = try await Flows.completedPurchase(caller, clientAccountId: "acct-inactive")
      #expect(try await Self.leave(caller, inactive, "DISCONNECT").status == 409)
      let active = try await Flows.activeLine(caller, clientAccountId: "acct-errors")
      let reason = try await Self.leave(caller, active, "BORED")
      #expect(reason.status == 400)
      #expect(reason.errorFields == ["reason"])
      // The shape of a date, but no such day.
      let day = try await Self.leave(caller, active, "OTHER", on: "2026-02-30")
      #expect(day.status == 400)
      #expect(day.errorFields == ["leavingDate"])
      #expect(try await Self.info(caller, active)["leavingReason"] == nil)
    }
  }

  @Test func resetVoicemailPinOnAnActiveLine() async throws {
    try await SandboxHarness().run { caller in
      let path = "/apisvc/v0/customer/reset/voicemail/password/"
      #expect(try await caller.call(.put, path + "CUST999999").status == 404)
      let inactive = try await Flows.completedPurchase(caller, clientAccountId: "acct-vm-new")
      #expect(try await caller.call(.put, path + inactive).status == 409)
      let customerId = try await Flows.activeLine(caller, clientAccountId: "acct-vm")
      #expect(try await Self.info(caller, customerId)["voicemailPinResetDate"] == nil)
      let reset = try await caller.call(.put, path + customerId)
      #expect(reset.status == 200)
      #expect(reset["customerId"] == .string(customerId))
      #expect(reset["resetDate"] == "2026-01-01T00:10:20Z")
      // The temporary PIN is a secret: the answer carries no PIN, only what happened.
      #expect(Set(reset.json.objectValue?.keys.map { $0 } ?? []) == ["customerId", "message", "resetDate"])
      #expect(try await Self.info(caller, customerId)["voicemailPinResetDate"] == "2026-01-01T00:10:20Z")
      let audit = try #require(try await caller.call(.get, "/__sandbox/audit")["entries"]?.arrayValue)
      #expect(audit.filter { $0["endpointId"] == "customer.resetVoicemailPin" }.count == 1)
    }
  }

  @Test func swapPrimaryMovesTheDesignationWithinTheAccount() async throws {
    try await SandboxHarness().run { caller in
      let primary = try await Flows.completedPurchase(caller, clientAccountId: "acct-two", extra: ["lines": 2])
      let secondary = Self.nextLine(after: primary)
      let before = try await Self.info(caller, secondary)
      #expect(before["groupId"] == (try await Self.info(caller, primary))["groupId"])
      #expect(before["isPrimary"] == false)
      let body: JSONValue = ["primaryCustomerId": .string(primary), "secondaryCustomerId": .string(secondary)]
      let swap = try await caller.call(.put, "/apisvc/v0/customers/swap", json: body)
      #expect(swap.status == 200)
      #expect(swap["primaryCustomerId"] == .string(secondary))
      #expect(swap["secondaryCustomerId"] == .string(primary))
      #expect(try await Self.info(caller, secondary)["isPrimary"] == true)
      #expect(try await Self.info(caller, primary)["isPrimary"] == false)
      // The same request again: the line named primary no longer is.
      let again = try await caller.call(.put, "/apisvc/v0/customers/swap", json: body)
      #expect(again.status == 409)
      #expect(again.text.contains("may have happened"))
      // And back.
      let back: JSONValue = ["primaryCustomerId": .string(secondary), "secondaryCustomerId": .string(primary)]
      #expect(try await caller.call(.put, "/apisvc/v0/customers/swap", json: back).status == 200)
      #expect(try await Self.info(caller, primary)["isPrimary"] == true)
      #expect(try await Self.info(caller, secondary)["isPrimary"] == false)
    }
  }

  @Test func swapPrimaryErrors() async throws {
    try await SandboxHarness(options: SandboxOptions(customers: 2)).run { caller in
      func swap(_ primary: String, _ secondary: String) async throws -> Reply {
        try await caller.call(
          .put, "/apisvc/v0/customers/swap",
          json: ["primaryCustomerId": .string(primary), "secondaryCustomerId": .string(secondary)])
      }
      let same = try await swap("SUB0000001", "SUB0000001")
      #expect(same.status == 400)
      #expect(same.errorFields == ["secondaryCustomerId"])
      #expect(try await swap("CUST999999", "SUB0000001").status == 404)
      #expect(try await swap("SUB0000001", "CUST999999").status == 404)
      // Two accounts of their own.
      let accounts = try await swap("SUB0000001", "SUB0000002")
      #expect(accounts.status == 409)
      #expect(accounts.text.contains("different accounts"))
      // A disconnected line cannot become primary.
      let primary = try await Flows.completedPurchase(caller, clientAccountId: "acct-gone", extra: ["lines": 2])
      let secondary = Self.nextLine(after: primary)
      #expect(try await swap(secondary, primary).status == 409)
      _ = try await caller.call(
        .post, "/apisvc/v0/activation", json: ["customerId": .string(secondary), "iccId": "8901000000000000092"])
      caller.clock.advance(by: .seconds(600))
      #expect(
        try await caller.call(
          .put, "/apisvc/v0/disconnect", json: ["customerId": .string(secondary), "reasonCode": "x"]
        ).status == 200)
      caller.clock.advance(by: .seconds(30))
      let disconnected = try await swap(primary, secondary)
      #expect(disconnected.status == 409)
      #expect(disconnected.text.contains("disconnected"))
      #expect(try await Self.info(caller, primary)["isPrimary"] == true)
    }
  }
}
