import Foundation
import HTTPTypes
import ReachCatalogue
import Testing

@testable import ReachSandbox

@Suite("Scheduled plan changes (Scenario F): a downgrade or future-dated change lands on its date")
struct ScheduledPlanChangeTests {
  /// `plan.change` for a line; without `immediate` the change is scheduled.
  static func change(
    _ caller: Caller, _ customerId: String, to planId: String, upgrade: Bool, immediate: Bool = false
  ) async throws -> Reply {
    var body: [String: JSONValue] = [
      "customerId": .string(customerId), "newPlanId": .string(planId), "isUpgrade": .bool(upgrade),
    ]
    if immediate { body["immediateEffect"] = true }
    return try await caller.call(.post, "/apisvc/v0/purchase/plan/change", json: .object(body))
  }

  static func info(_ caller: Caller, _ customerId: String) async throws -> Reply {
    try await caller.call(.get, "/apisvc/v0/customerinfo?customerId=\(customerId)")
  }

  /// Moves the sandbox clock to `offset` seconds after midnight (UTC) of `date`.
  static func advance(_ caller: Caller, to date: String, plus offset: Double = 0) throws {
    let target = try #require(SandboxTime(date: date)).seconds + offset
    let delta = target - caller.clock.now.seconds
    try #require(delta >= 0)
    caller.clock.advance(by: .seconds(delta))
  }

  /// A scheduled change answers without a txnId, with the day it lands on.
  static func scheduled(_ reply: Reply) throws -> String {
    #expect(reply.status == 200)
    #expect(reply["txnId"] == nil)
    #expect(reply["status"] == "SCHEDULED")
    return try #require(reply["effectiveDate"]?.stringValue)
  }

  @Test func aFutureDatedUpgradeLandsAtItsDateNotASecondBefore() async throws {
    try await SandboxHarness().run { caller in
      // A line on Starter 5 GB, activated a few minutes after 2026-01-01T00:00:00Z.
      let customerId = try await Flows.completedPurchase(
        caller, clientAccountId: "acct-later", extra: ["planId": "REACH-STARTER-5GB"])
      let submit = try await caller.call(
        .post, "/apisvc/v0/activation", json: ["customerId": .string(customerId), "iccId": "8901000000000000092"])
      #expect(submit.status == 202)
      caller.clock.advance(by: .seconds(600))
      caller.clock.advance(by: .seconds(10 * 3600))

      let estimate = try await caller.call(
        .post, "/apisvc/v0/estimate/plan/change",
        json: ["customerId": .string(customerId), "newPlanId": "REACH-PLUS-15GB", "isUpgrade": true])
      let date = try Self.scheduled(
        try await Self.change(caller, customerId, to: "REACH-PLUS-15GB", upgrade: true))
      // The next bill cycle: the day 30 days ahead, as the estimate said.
      #expect(date == "2026-01-31")
      #expect(estimate["effectiveDate"]?.stringValue == date)
      var info = try await Self.info(caller, customerId)
      #expect(info["reachPlanId"] == "REACH-STARTER-5GB")
      #expect(info["scheduledPlanId"] == "REACH-PLUS-15GB")

      try Self.advance(caller, to: date, plus: -1)
      info = try await Self.info(caller, customerId)
      #expect(info["reachPlanId"] == "REACH-STARTER-5GB")
      #expect(info["scheduledPlanId"] == "REACH-PLUS-15GB")
      #expect(info["dataAllowanceGB"] == 5)

      caller.clock.advance(by: .seconds(1))
      info = try await Self.info(caller, customerId)
      #expect(info["reachPlanId"] == "REACH-PLUS-15GB")
      #expect(info["scheduledPlanId"] == nil)
      #expect(info["dataAllowanceGB"] == 15)
      // The cycle's data up to the change counted with Starter's 5 GB cap (it was reached on day
      // 10); only from the change on does the line use Plus's 15 GB.
      let usage = try await UsageTests.summary(caller, customerId, "DATA")
      #expect(usage["used"] == 5)
      #expect(usage["allowance"] == 15)
    }
  }

  @Test func aScheduledDowngradeSurvivesARestartAndLandsAfterIt() async throws {
    try await PersistenceTests.withStateFile { path in
      let clock = ManualSandboxClock()
      let credentials = SandboxCredentials.random()
      let options = SandboxOptions(customers: 1)
      let dates = DateBox()
      // A new server on the file: nothing in memory is shared with the one before.
      func start() throws -> SandboxHarness {
        SandboxHarness(options: options, clock: clock, credentials: credentials, store: try SandboxStore(path: path))
      }
      try await start().run { caller in
        caller.clock.advance(by: .seconds(10 * 3600))
        let date = try Self.scheduled(
          try await Self.change(caller, "SUB0000001", to: "REACH-STARTER-5GB", upgrade: false))
        #expect(date == "2026-01-31")
        await dates.set(date)
      }
      let date = try #require(await dates.value)

      // A new server on the same file: the pending change is rebuilt from it.
      try await start().run { caller in
        var info = try await Self.info(caller, "SUB0000001")
        #expect(info["reachPlanId"] == "REACH-PLUS-15GB")
        #expect(info["scheduledPlanId"] == "REACH-STARTER-5GB")
        try Self.advance(caller, to: date, plus: -1)
        #expect(try await Self.info(caller, "SUB0000001")["reachPlanId"] == "REACH-PLUS-15GB")
        caller.clock.advance(by: .seconds(1))
        info = try await Self.info(caller, "SUB0000001")
        #expect(info["reachPlanId"] == "REACH-STARTER-5GB")
        #expect(info["scheduledPlanId"] == nil)
        #expect(info["dataAllowanceGB"] == 5)
      }

      // A third start finds the change applied, not pending any more.
      try await start().run { caller in
        let info = try await Self.info(caller, "SUB0000001")
        #expect(info["reachPlanId"] == "REACH-STARTER-5GB")
        #expect(info["scheduledPlanId"] == nil)
      }
    }
  }

  @Test func aNewerChangeReplacesAScheduledOneAndADisconnectionCancelsIt() async throws {
    try await SandboxHarness(options: SandboxOptions(customers: 3)).run { caller in
      caller.clock.advance(by: .seconds(10 * 3600))
      let (replaced, upgraded, leaving) = ("SUB0000001", "SUB0000002", "SUB0000003")
      var first = ""
      for line in [replaced, upgraded, leaving] {
        first = try Self.scheduled(try await Self.change(caller, line, to: "REACH-STARTER-5GB", upgrade: false))
      }
      #expect(first == "2026-01-31")

      // An immediate upgrade replaces the scheduled downgrade at once.
      let now = try await Self.change(caller, upgraded, to: "REACH-UNLIMITED", upgrade: true, immediate: true)
      #expect(now["txnId"]?.stringValue != nil)
      #expect(try await Self.info(caller, upgraded)["scheduledPlanId"] == nil)
      // A disconnection cancels it.
      #expect(
        try await caller.call(.put, "/apisvc/v0/disconnect", json: ["customerId": .string(leaving)]).status == 200)
      caller.clock.advance(by: .seconds(60))
      #expect(try await Self.info(caller, upgraded)["reachPlanId"] == "REACH-UNLIMITED")
      var info = try await Self.info(caller, leaving)
      #expect(info["status"] == 4)
      #expect(info["scheduledPlanId"] == nil)

      // A second scheduled change, a day later, replaces the first.
      caller.clock.advance(by: .seconds(86_400))
      let second = try Self.scheduled(try await Self.change(caller, replaced, to: "REACH-UNLIMITED", upgrade: true))
      #expect(second == "2026-02-01")
      #expect(try await Self.info(caller, replaced)["scheduledPlanId"] == "REACH-UNLIMITED")

      // The first change's date: nothing lands.
      try Self.advance(caller, to: first)
      info = try await Self.info(caller, replaced)
      #expect(info["reachPlanId"] == "REACH-PLUS-15GB")
      #expect(info["scheduledPlanId"] == "REACH-UNLIMITED")
      #expect(try await Self.info(caller, upgraded)["reachPlanId"] == "REACH-UNLIMITED")
      #expect(try await Self.info(caller, leaving)["reachPlanId"] == "REACH-PLUS-15GB")

      // The second one's date: the replacement lands.
      try Self.advance(caller, to: second, plus: -1)
      #expect(try await Self.info(caller, replaced)["reachPlanId"] == "REACH-PLUS-15GB")
      caller.clock.advance(by: .seconds(1))
      info = try await Self.info(caller, replaced)
      #expect(info["reachPlanId"] == "REACH-UNLIMITED")
      #expect(info["scheduledPlanId"] == nil)
      #expect(info["dataAllowanceGB"] == 0)
    }
  }

  actor DateBox {
    var value: String?
    func set(_ new: String) { value = new }
  }
}
