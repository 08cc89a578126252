import HTTPTypes
import ReachCatalogue
import ReachSandbox
import Testing

@Suite("usage.summary: data, ILD and IR usage agree with the rest of the state")
struct UsageTests {
  static func summary(_ caller: Caller, _ customerId: String, _ kind: String) async throws -> Reply {
    try await caller.call(.get, "/apisvc/v0/usage/summary?usageData=\(kind)&customerId=\(customerId)")
  }

  static let day = Duration.seconds(86_400)

  @Test func dataIsUsedWhileTheLineIsActiveAndNotCutOff() async throws {
    try await SandboxHarness(options: SandboxOptions(customers: 1)).run { caller in
      let line = "SUB0000001"
      let fresh = try await Self.summary(caller, line, "DATA")
      #expect(fresh["used"] == 0)
      #expect(fresh["allowance"] == 15)
      #expect(fresh["unit"] == "GB")
      #expect(fresh["periodStart"] == "2026-01-01")
      #expect(fresh["periodEnd"] == "2026-01-30")
      caller.clock.advance(by: Self.day * 2)
      let two = try await Self.summary(caller, line, "DATA")
      #expect(two["used"] == 1)
      #expect(two["remaining"] == 14)
      // Suspended (30 s later) for 4 days: nothing more is used (30 s adds 0.0002 GB, rounded off).
      #expect(
        try await caller.call(.put, "/apisvc/v0/suspend", json: ["customerId": .string(line), "reasonCode": "x"])
          .status == 200)
      caller.clock.advance(by: Self.day * 4)
      #expect(try await Self.summary(caller, line, "DATA")["used"] == 1)
      // Restored: it goes on. Then data cut off: it stops again.
      #expect(
        try await caller.call(.put, "/apisvc/v0/restore", json: ["customerId": .string(line), "reasonCode": "x"])
          .status == 200)
      caller.clock.advance(by: .seconds(30))
      caller.clock.advance(by: Self.day * 2)
      #expect(try await Self.summary(caller, line, "DATA")["used"] == 2)
      let cut = try await caller.call(
        .put, "/apisvc/v0/customer/manage/feature/\(line)",
        json: ["feature": "DATA_CUTOFF", "enable": true, "reasonCode": "OVERUSE"])
      #expect(cut.status == 200)
      caller.clock.advance(by: Self.day * 3)
      #expect(try await Self.summary(caller, line, "DATA")["used"] == 2)
      // A new 30-day cycle starts from zero.
      caller.clock.advance(by: Self.day * 20)
      let next = try await Self.summary(caller, line, "DATA")
      #expect(next["used"] == 0)
      #expect(next["periodStart"] == "2026-01-31")
    }
  }

  @Test func aCappedPlanStopsAtItsAllowanceATopupLiftsItAndAnUnlimitedOneHasNone() async throws {
    try await SandboxHarness().run { caller in
      let customerId = try await Flows.completedPurchase(
        caller, clientAccountId: "acct-usage-cap", extra: ["planId": "REACH-STARTER-5GB"])
      #expect(try await Self.summary(caller, customerId, "DATA")["used"] == 0)
      let submit = try await caller.call(
        .post, "/apisvc/v0/activation", json: ["customerId": .string(customerId), "iccId": "8901000000000000092"])
      #expect(submit.status == 202)
      caller.clock.advance(by: .seconds(600))
      caller.clock.advance(by: Self.day * 12)
      let capped = try await Self.summary(caller, customerId, "DATA")
      #expect(capped["used"] == 5)
      #expect(capped["allowance"] == 5)
      #expect(capped["remaining"] == 0)
      // A 5 GB top-up lifts the cap from now on (what was used before stays at 5), as customerinfo shows.
      let card = try await Flows.defaultCard(caller, customerId)
      let topup: JSONValue = ["customerId": .string(customerId), "topupCode": "TOPUP-5GB"]
      #expect(try await caller.call(.post, "/apisvc/v0/topup/quote", json: topup).status == 200)
      let bought = try await caller.call(
        .post, "/apisvc/v0/topup/purchase",
        json: ["customerId": .string(customerId), "topupCode": "TOPUP-5GB", "ccUUID": .string(card)])
      #expect(bought.status == 200)
      caller.clock.advance(by: Self.day * 2)
      let topped = try await Self.summary(caller, customerId, "DATA")
      #expect(topped["used"] == 6)
      #expect(topped["allowance"] == 10)
      #expect(topped["remaining"] == 4)
      let info = try await caller.call(.get, "/apisvc/v0/customerinfo?customerId=\(customerId)")
      #expect(info["dataAllowanceGB"] == topped["allowance"])
      let change = try await caller.call(
        .post, "/apisvc/v0/purchase/plan/change",
        json: [
          "customerId": .string(customerId), "newPlanId": "REACH-UNLIMITED", "isUpgrade": true,
          "immediateEffect": true,
        ])
      #expect(change.status == 200 || change.status == 202)
      caller.clock.advance(by: .seconds(60))
      caller.clock.advance(by: Self.day * 2)
      let unlimited = try await Self.summary(caller, customerId, "DATA")
      #expect(unlimited["allowance"] == 0)
      #expect(unlimited["remaining"] == 0)
      #expect(unlimited["used"] == 7)
    }
  }

  @Test func ildAndIRSummariesAgreeWithILDAndRoaming() async throws {
    try await SandboxHarness().run { caller in
      let customerId = try await Flows.activeLine(caller, clientAccountId: "acct-usage-all")
      let groupId = try await Flows.groupId(caller, customerId)
      let card = try await Flows.defaultCard(caller, customerId)
      let none = try await Self.summary(caller, customerId, "ILD")
      #expect(none["used"] == 0)
      #expect(none["unit"] == "USD")
      _ = try await ILDTests.quote(caller, customerId, 10)
      #expect(try await ILDTests.buy(caller, customerId, 10, card: card).status == 200)
      #expect(try await RoamingTests.buy(caller, customerId, "IR-WEEK-WW")["status"] == "ACTIVE")
      caller.clock.advance(by: .seconds(12 * 3600))

      let ild = try await Self.summary(caller, customerId, "ILD")
      let balance = try #require(try await caller.call(.get, "/apisvc/v0/ild/status?groupId=\(groupId)")["balance"])
      let destinations = try await caller.call(.get, "/apisvc/v0/ild/usage?groupId=\(groupId)")["destinations"]
      let spent = (destinations?.arrayValue ?? []).compactMap { $0["cost"]?.doubleValue }.reduce(0, +)
      #expect(ild["allowance"] == 10)
      #expect(ild["remaining"] == balance)
      #expect(ild["remaining"] == 7.5)
      #expect(ild["used"]?.doubleValue == spent)
      #expect(spent == 2.5)

      let ir = try await Self.summary(caller, customerId, "IR")
      let packs = try await caller.call(.get, "/apisvc/v0/intl/roaming/pack/usage?customerId=\(customerId)")
      #expect(packs["packs.0.remainingDataMB"] == 1948)
      #expect(ir["unit"] == "GB")
      #expect(ir["allowance"] == 2)
      #expect(ir["remaining"] == 1.902)  // 1948 MB
      #expect(ir["used"] == 0.098)  // 100 MB
      #expect(ir["periodEnd"] == packs["packs.0.expiryDate"])
      // Once the pack has ended, no IR allowance is left.
      caller.clock.advance(by: Self.day * 7)
      #expect(try await Self.summary(caller, customerId, "IR")["allowance"] == 0)
      #expect(try await Self.summary(caller, "CUST999999", "IR").status == 404)
      #expect(try await Self.summary(caller, customerId, "VOICE").errorFields == ["usageData"])
    }
  }

  @Test func aUsageNotificationCarriesTheLinesRealUsage() async throws {
    let receiver = RecordingReceiver(failures: 0)
    let webhook = SandboxWebhook(baseURL: "https://brand.example", transport: receiver)
    try await SandboxHarness(options: SandboxOptions(customers: 1), webhook: webhook).run { caller in
      caller.clock.advance(by: Self.day * 24)
      let event = try await caller.call(.post, "/__sandbox/trigger/USAGE_NOTIFICATION?customerId=SUB0000001")
      #expect(event.status == 200)
      #expect(event["event.usagePercent"] == 80)  // 12 GB of 15
      #expect(event["event.used"] == 12)
    }
  }
}
