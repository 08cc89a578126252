import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ReachCatalogue
import ReachSandbox
import ReachServing
import Testing

@Suite("--state: the sandbox's state across restarts")
struct PersistenceTests {
  /// A state file in a directory of its own, removed afterwards.
  static func withStateFile(_ body: (String) async throws -> Void) async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("reach-state-\(UUID())")
    defer { try? FileManager.default.removeItem(at: directory) }
    try await body(directory.appendingPathComponent("sandbox.sqlite").path)
  }

  /// What the first run left, as the second run must find it.
  struct Seen: Sendable {
    var customerId = ""
    var activating = ""
    var transactionId = ""
    var planChange = ""
    var cardUUID = ""
    var billId = ""
    var groupId = ""
    var dataUsed: JSONValue = .null
    var audit: JSONValue = .null
    var topup = ""
    var cancelledKit = ""
    var pendingKit = ""
    var pair = ("", "")
  }

  actor SeenBox {
    var value = Seen()
    func set(_ new: Seen) { value = new }
  }

  @Test func everythingSurvivesARestartAndPendingWorkResumes() async throws {
    try await Self.withStateFile { path in
      let clock = ManualSandboxClock()
      let credentials = SandboxCredentials.random()
      let options = SandboxOptions(customers: 3)
      let first = try SandboxStore(path: path)
      #expect(try first.journalMode() == "wal")
      let seen = SeenBox()
      try await SandboxHarness(options: options, clock: clock, credentials: credentials, store: first).run { caller in
        // Shipments (one cancelled, one pending) and a swapped primary line, first: they move the clock.
        let cancelledKit = try await Flows.completedPurchase(caller, clientAccountId: "acct-kit-cancel")
        #expect(try await caller.call(.put, "/apisvc/v0/shipment/order/cancel/\(cancelledKit)").status == 200)
        let pendingKit = try await Flows.completedPurchase(caller, clientAccountId: "acct-kit")
        let pair = try await Flows.completedPurchase(caller, clientAccountId: "acct-pair", extra: ["lines": 2])
        let second = AccountLineTests.nextLine(after: pair)
        #expect(
          try await caller.call(
            .put, "/apisvc/v0/customers/swap",
            json: ["primaryCustomerId": .string(pair), "secondaryCustomerId": .string(second)]
          ).status == 200)
        let customerId = try await Flows.activeLine(caller, clientAccountId: "acct-keep")
        let activating = try await Flows.completedPurchase(caller, clientAccountId: "acct-later")
        let transactionId = try await caller.purchase(clientAccountId: "acct-open")
        #expect(
          try await caller.call(
            .post, "/apisvc/v0/activation", json: ["customerId": .string(activating), "iccId": "8901000000000000092"]
          ).status == 202)
        let change = try await caller.call(
          .post, "/apisvc/v0/purchase/plan/change",
          json: [
            "customerId": .string(customerId), "newPlanId": "REACH-UNLIMITED", "isUpgrade": true,
            "immediateEffect": true,
          ])
        #expect(
          try await caller.call(.put, "/apisvc/v0/suspend", json: ["customerId": "SUB0000002", "reasonCode": "x"])
            .status == 200)
        let card = try #require(
          try await caller.call(.get, "/apisvc/v0/account/card?customerId=\(customerId)")["cards.0.uuid"]?.stringValue)
        let bill = try #require(
          try await caller.call(.get, "/apisvc/v0/billing/customer/\(customerId)")["bills.0.billId"]?.stringValue)
        // A top-up, a voicemail PIN reset, a recorded leaving.
        _ = try await caller.call(
          .post, "/apisvc/v0/topup/quote", json: ["customerId": .string(customerId), "topupCode": "TOPUP-1GB"])
        let topup = try await caller.call(
          .post, "/apisvc/v0/topup/purchase",
          json: ["customerId": .string(customerId), "topupCode": "TOPUP-1GB", "ccUUID": .string(card)])
        #expect(
          try await caller.call(.put, "/apisvc/v0/customer/reset/voicemail/password/\(customerId)").status == 200)
        #expect(
          try await caller.call(
            .put, "/apisvc/v0/leaving/customer",
            json: ["customerId": "SUB0000001", "reason": "DISCONNECT", "leavingDate": "2026-01-05"]
          ).status == 200)
        // ILD credit bought, and a quote still open.
        let groupId = try await Flows.groupId(caller, customerId)
        _ = try await ILDTests.quote(caller, customerId, 10)
        #expect(try await ILDTests.buy(caller, customerId, 10, card: card).status == 200)
        _ = try await ILDTests.quote(caller, customerId, 5)
        // A roaming pack, used on the clock.
        #expect(try await RoamingTests.buy(caller, customerId, "IR-WEEK-WW")["status"] == "ACTIVE")
        // A line's data used so far, then cut off: the meter must keep what was used.
        let cut = try await caller.call(
          .put, "/apisvc/v0/customer/manage/feature/SUB0000003",
          json: ["feature": "DATA_CUTOFF", "enable": true, "reasonCode": "OVERUSE"])
        #expect(cut.status == 200)
        let dataUsed = try #require(try await UsageTests.summary(caller, "SUB0000003", "DATA")["used"])
        #expect(dataUsed.doubleValue ?? 0 > 0)
        let audit = try await caller.call(.get, "/__sandbox/audit").json
        await seen.set(
          Seen(
            customerId: customerId, activating: activating, transactionId: transactionId,
            planChange: try #require(change["txnId"]?.stringValue), cardUUID: card, billId: bill, groupId: groupId,
            dataUsed: dataUsed, audit: audit, topup: try #require(topup["transactionId"]?.stringValue),
            cancelledKit: cancelledKit, pendingKit: pendingKit, pair: (pair, second)))
      }
      let before = await seen.value
      #expect(before.audit["entries"]?.arrayValue?.count ?? 0 >= 5)

      // The same file, opened again by a new server: nothing in memory is shared.
      let second = try SandboxStore(path: path)
      try await SandboxHarness(options: options, clock: clock, credentials: credentials, store: second).run { caller in
        #expect(try await caller.call(.get, "/__sandbox/audit").json == before.audit)
        let info = try await caller.call(.get, "/apisvc/v0/customerinfo?customerId=\(before.customerId)")
        #expect(info["status"] == 2)
        #expect(info["clientAccountId"] == "acct-keep")
        #expect(info["dataAllowanceGB"] == 16)
        #expect(info["voicemailPinResetDate"]?.stringValue != nil)
        let topup = try await caller.call(.get, "/apisvc/v0/product/status/\(before.topup)")
        #expect(topup["status"] == "COMPLETED")
        #expect(topup["purchaseType"] == "TOPUP")
        func kit(_ customerId: String) async throws -> JSONValue? {
          try await caller.call(.get, "/apisvc/v0/shipment/order/customer/\(customerId)")["status"]
        }
        #expect(try await kit(before.cancelledKit) == "CANCELLED")
        #expect(try await kit(before.pendingKit) == "PENDING")
        func field(_ id: String, _ field: String) async throws -> JSONValue? {
          try await caller.call(.get, "/apisvc/v0/customerinfo?customerId=\(id)")[field]
        }
        #expect(try await field(before.pair.0, "isPrimary") == false)
        #expect(try await field(before.pair.1, "isPrimary") == true)
        #expect(try await field("SUB0000001", "leavingReason") == "DISCONNECT")
        #expect(try await field("SUB0000001", "status") == 2)
        #expect(
          try await caller.call(.get, "/apisvc/v0/account/card?customerId=\(before.customerId)")["cards.0.uuid"]?
            .stringValue == before.cardUUID)
        #expect(
          try await caller.call(.get, "/apisvc/v0/billing/customer/\(before.customerId)")["bills.0.billId"]?
            .stringValue == before.billId)
        #expect(
          try await caller.call(.get, "/apisvc/v0/product/status/\(before.transactionId)")["status"]
            == "ORDER_RECEIVED")
        // The duplicate check still knows the open purchase's clientAccountId.
        #expect(
          try await caller.call(.post, "/apisvc/v0/product", json: caller.purchaseBody(clientAccountId: "acct-open"))
            .status == 409)
        // The ILD balance and history are there, and the open quote still buys.
        #expect(try await caller.call(.get, "/apisvc/v0/ild/status?groupId=\(before.groupId)")["balance"] == 10)
        #expect(
          try await caller.call(.get, "/apisvc/v0/ild/purchase/history/\(before.customerId)")["purchases"]?.arrayValue?
            .count == 1)
        #expect(try await ILDTests.buy(caller, before.customerId, 5, card: before.cardUUID)["balance"] == 15)
        // Pending work resumes: the activation, the plan change and the suspension land.
        #expect(try await Flows.status(caller, before.activating) == 1)
        #expect(try await Flows.status(caller, "SUB0000002") == 2)
        caller.clock.advance(by: .seconds(600))
        #expect(try await Flows.status(caller, before.activating) == 2)
        #expect(try await Flows.status(caller, "SUB0000002") == 3)
        #expect(
          try await caller.call(.get, "/apisvc/v0/status/plan/change/\(before.planChange)")["status"] == "COMPLETED")
        #expect(
          try await caller.call(.get, "/apisvc/v0/customerinfo?customerId=\(before.customerId)")["reachPlanId"]
            == "REACH-UNLIMITED")
        // The ILD calls go on: the first one 6 hours after the first purchase.
        caller.clock.advance(by: .seconds(6 * 3600))
        #expect(try await caller.call(.get, "/apisvc/v0/ild/status?groupId=\(before.groupId)")["balance"] == 14)
        #expect(try await UsageTests.summary(caller, "SUB0000003", "DATA")["used"] == before.dataUsed)
        // The roaming pack too: its first slice of 50 MB.
        let roaming = try await caller.call(.get, "/apisvc/v0/intl/roaming/pack/usage?customerId=\(before.customerId)")
        #expect(roaming["packs.0.packId"] == "IR-WEEK-WW")
        #expect(roaming["packs.0.remainingDataMB"] == 1998)
        #expect(try await RoamingTests.buy(caller, before.customerId, "IR-WEEK-WW").status == 409)
        // The recorded leaving lands on its day; the pending kit ships and arrives.
        caller.clock.advance(by: .seconds(5 * 86_400))
        #expect(try await field("SUB0000001", "status") == 4)
        #expect(try await kit(before.pendingKit) == "DELIVERED")
        #expect(try await kit(before.cancelledKit) == "CANCELLED")
        // New ids go on from where the first run stopped; the audit sequence too.
        let next = try await caller.purchase(clientAccountId: "acct-new")
        #expect(![before.transactionId, before.customerId, before.activating].contains(next))
        let entries = try #require(try await caller.call(.get, "/__sandbox/audit")["entries"]?.arrayValue)
        let sequences = entries.compactMap { $0["sequence"]?.intValue }
        #expect(sequences == Array(1...sequences.count))
      }

      // A third start sees what the second one did.
      let third = try SandboxStore(path: path)
      try await SandboxHarness(options: options, clock: clock, credentials: credentials, store: third).run {
        (caller: Caller) async throws in
        #expect(try await Flows.status(caller, "SUB0000002") == 3)
        #expect(try await caller.call(.get, "/apisvc/v0/customerinfo?customerId=SUB0000003")["status"] == 2)
      }
    }
  }

  /// Served over a socket (Hummingbird's channel, as `reach sandbox serve --state` serves), a
  /// request's change is in the file when its answer comes, written off the event loops
  /// (`SandboxStore.save` asserts it).
  @Test func aRequestOverASocketIsSavedBeforeItsAnswer() async throws {
    try await Self.withStateFile { path in
      let clock = ManualSandboxClock()
      let credentials = SandboxCredentials.random()
      let server = SandboxServer(credentials: credentials, clock: clock, store: try SandboxStore(path: path))
      let transactionId = try await server.application(limits: .inProcess).test(.live) { client in
        try await Caller(client: client, credentials: credentials, clock: clock).purchase(clientAccountId: "acct-wire")
      }
      let restarted = SandboxHarness(clock: clock, credentials: credentials, store: try SandboxStore(path: path))
      try await restarted.run { caller in
        let status = try await caller.call(.get, "/apisvc/v0/product/status/\(transactionId)")
        #expect(status.status == 200)
        #expect(status["transactionId"] == .string(transactionId))
      }
    }
  }

  @Test func theWallClockResumesNoEarlierThanTheSavedTime() {
    let ahead = SandboxTime(seconds: ScaledSandboxClock().now.seconds + 86_400)
    #expect(ScaledSandboxClock(speed: 1000, resumingFrom: ahead).now >= ahead)
    let behind = SandboxTime(seconds: 0)
    #expect(ScaledSandboxClock(resumingFrom: behind).now.seconds > 1_700_000_000)
  }

  @Test func aFileThatIsNotAStateFileIsRefusedByName() async throws {
    try await Self.withStateFile { path in
      try FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try Data("not a database".utf8).write(to: URL(fileURLWithPath: path))
      #expect {
        _ = try SandboxStore(path: path)
      } throws: { error in
        (error as? SandboxStoreError)?.description.contains(path) == true
      }
    }
  }
}
