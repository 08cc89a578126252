import HTTPTypes
import ReachCatalogue
import ReachSandbox
import Testing

@Suite("International roaming (Scenario J): countries, packs, quotes, purchases, auto-renew, usage")
struct RoamingTests {
  static func order(
    _ caller: Caller, _ step: String, _ customerId: String, _ packId: String, extra: [String: JSONValue] = [:]
  ) async throws -> Reply {
    var body: [String: JSONValue] = ["packId": .string(packId)]
    body.merge(extra) { _, new in new }
    return try await caller.call(
      .post, "/apisvc/v0/intl/roaming/pack/\(step)/customer/\(customerId)", json: .object(body))
  }

  /// Quote, then purchase with the same body (and the card to charge, if any).
  static func buy(
    _ caller: Caller, _ customerId: String, _ packId: String, extra: [String: JSONValue] = [:]
  ) async throws -> Reply {
    let quote = try await order(caller, "quote", customerId, packId, extra: extra.filter { $0.key != "ccUUID" })
    guard quote.status == 200 else { return quote }
    return try await order(caller, "purchase", customerId, packId, extra: extra)
  }

  static func pack(_ caller: Caller, _ customerId: String, _ purchaseId: String) async throws -> JSONValue? {
    let usage = try await caller.call(.get, "/apisvc/v0/intl/roaming/pack/usage?customerId=\(customerId)")
    return usage["packs"]?.arrayValue?.first { $0["purchaseId"] == .string(purchaseId) }
  }

  @Test func countriesAndPacksForTheDestinations() async throws {
    try await SandboxHarness().run { caller in
      let countries = try await caller.call(.get, "/apisvc/v0/intl/roaming/countries/mvne?mvne=ATT")
      let list = try #require(countries["countries"]?.arrayValue)
      #expect(list.count == 6)
      let mexico = try #require(list.first { $0["countryCode"] == "MX" })
      #expect(mexico["zone"] == "Z1")
      #expect(mexico["ildPulseSize"] == 60)
      #expect(mexico["pricePerMinute"] == 0.1)
      func packs(_ codes: [String]) async throws -> [String] {
        let reply = try await caller.call(
          .post, "/apisvc/v0/get/additional/offerings", json: ["countries": .array(codes.map(JSONValue.string))])
        return (reply["packs"]?.arrayValue ?? []).compactMap { $0["packId"]?.stringValue }
      }
      #expect(try await packs(["MX"]) == ["IR-DAY-NA", "IR-WEEK-NA", "IR-DAY-WW", "IR-WEEK-WW", "IR-MONTH-WW"])
      #expect(try await packs(["FR"]) == ["IR-DAY-WW", "IR-WEEK-WW", "IR-MONTH-WW"])
      #expect(try await packs(["MX", "IN"]) == ["IR-DAY-WW", "IR-WEEK-WW", "IR-MONTH-WW"])
      let unsupported = try await caller.call(
        .post, "/apisvc/v0/get/additional/offerings", json: ["countries": ["MX", "KP"]])
      #expect(unsupported.status == 400)
      #expect(unsupported.errorFields == ["countries"])
      #expect(unsupported.text.contains("KP"))
    }
  }

  @Test func aDailyPassIsUsedEverySixHoursThenExpires() async throws {
    try await SandboxHarness().run { caller in
      let customerId = try await Flows.activeLine(caller, clientAccountId: "acct-ir-day")
      let quote = try await Self.order(caller, "quote", customerId, "IR-DAY-NA")
      #expect(quote["price"] == 5)
      #expect(quote["tax"] == 0.4)
      #expect(quote["total"] == 5.4)
      let bought = try await Self.order(caller, "purchase", customerId, "IR-DAY-NA")
      #expect(bought.status == 200)
      #expect(bought["status"] == "ACTIVE")
      #expect(bought["total"] == 5.4)
      #expect(bought["expiryDate"]?.stringValue == caller.clock.now.adding(.seconds(86_400)).date)
      let id = try #require(bought["purchaseId"]?.stringValue)
      let bills = try await caller.call(.get, "/apisvc/v0/billing/customer/\(customerId)")["bills"]?.arrayValue ?? []
      #expect(bills.contains { $0["amount"] == 5.4 && $0["status"] == "PAID" })

      #expect(try await Self.pack(caller, customerId, id)?["remainingDataMB"] == 500)
      caller.clock.advance(by: .seconds(6 * 3600))
      let sliced = try #require(try await Self.pack(caller, customerId, id))
      #expect(sliced["remainingDataMB"] == 450)
      #expect(sliced["remainingVoiceMinutes"] == 27)
      #expect(sliced["remainingSms"] == 28)
      caller.clock.advance(by: .seconds(18 * 3600 - 1))
      #expect(try await Self.pack(caller, customerId, id)?["status"] == "ACTIVE")
      caller.clock.advance(by: .seconds(1))
      let expired = try #require(try await Self.pack(caller, customerId, id))
      #expect(expired["status"] == "EXPIRED")
      #expect(expired["remainingDataMB"] == 350)
      // Ended: auto-renew can no longer be set; the same pack can be bought again.
      let renew = try await caller.call(
        .post, "/apisvc/v0/intl/roaming/pack/IR-DAY-NA/autorenew",
        json: ["customerId": .string(customerId), "autoRenew": true])
      #expect(renew.status == 409)
      #expect(try await Self.buy(caller, customerId, "IR-DAY-NA")["status"] == "ACTIVE")
    }
  }

  @Test func aWeeklyPassRunsOutOfDataBeforeItsEnd() async throws {
    try await SandboxHarness().run { caller in
      let customerId = try await Flows.activeLine(caller, clientAccountId: "acct-ir-week")
      let id = try #require(try await Self.buy(caller, customerId, "IR-WEEK-NA")["purchaseId"]?.stringValue)
      // 1024 MB in slices of 50: the 21st slice, 126 hours in, takes the last 24 MB.
      caller.clock.advance(by: .seconds(120 * 3600))
      #expect(try await Self.pack(caller, customerId, id)?["remainingDataMB"] == 24)
      caller.clock.advance(by: .seconds(6 * 3600))
      let usedUp = try #require(try await Self.pack(caller, customerId, id))
      #expect(usedUp["status"] == "USED_UP")
      #expect(usedUp["remainingDataMB"] == 0)
      #expect(usedUp["remainingVoiceMinutes"] == 37)  // 100 - 21 × 3
      // Nothing moves after the end.
      caller.clock.advance(by: .seconds(7 * 86_400))
      #expect(try await Self.pack(caller, customerId, id) == usedUp)
    }
  }

  @Test func autoRenewStartsANewPeriodUntilTheCardDeclines() async throws {
    try await SandboxHarness().run { caller in
      let customerId = try await Flows.activeLine(caller, clientAccountId: "acct-ir-renew")
      let groupId = try await Flows.groupId(caller, customerId)
      let id = try #require(try await Self.buy(caller, customerId, "IR-DAY-WW")["purchaseId"]?.stringValue)
      let renew = try await caller.call(
        .post, "/apisvc/v0/intl/roaming/pack/IR-DAY-WW/autorenew",
        json: ["customerId": .string(customerId), "autoRenew": true])
      #expect(renew.status == 200)
      #expect(renew["autoRenew"] == true)
      let group = try await caller.call(.get, "/apisvc/v0/intl/roaming/pack/group?groupId=\(groupId)")
      #expect(group["packs.0.packId"] == "IR-DAY-WW")
      #expect(group["packs.0.customerId"] == .string(customerId))
      #expect(group["packs.0.autoRenew"] == true)

      caller.clock.advance(by: .seconds(86_400))
      let renewed = try #require(try await Self.pack(caller, customerId, id))
      #expect(renewed["status"] == "ACTIVE")
      #expect(renewed["renewals"] == 1)
      #expect(renewed["remainingDataMB"] == 500)
      let bills = try await caller.call(.get, "/apisvc/v0/billing/customer/\(customerId)")["bills"]?.arrayValue ?? []
      #expect(bills.filter { $0["amount"] == 10.8 && $0["status"] == "PAID" }.count == 2)

      // The default card now declines: the next renewal fails, the pack expires, auto-renew goes off.
      let declining = try await Flows.addCard(caller, customerId, number: MagicValues.decliningCard)
      #expect(try await caller.call(.put, "/apisvc/v0/account/card?id=\(declining)&default=true").status == 200)
      caller.clock.advance(by: .seconds(86_400))
      let ended = try #require(try await Self.pack(caller, customerId, id))
      #expect(ended["status"] == "EXPIRED")
      #expect(ended["autoRenew"] == false)
      #expect(ended["renewals"] == 1)
      #expect(ended["renewalFailure"]?.stringValue?.contains("declined") == true)
    }
  }

  @Test func aLaterStartDateIsScheduledThenActive() async throws {
    try await SandboxHarness().run { caller in
      let customerId = try await Flows.activeLine(caller, clientAccountId: "acct-ir-later")
      let tomorrow = caller.clock.now.adding(.seconds(86_400)).date
      let bought = try await Self.buy(caller, customerId, "IR-DAY-NA", extra: ["startDate": .string(tomorrow)])
      #expect(bought["status"] == "SCHEDULED")
      #expect(bought["expiryDate"] == .string(tomorrow))
      let id = try #require(bought["purchaseId"]?.stringValue)
      // Scheduled: nothing is used, and the same pack cannot be bought twice.
      caller.clock.advance(by: .seconds(12 * 3600))
      #expect(try await Self.pack(caller, customerId, id)?["remainingDataMB"] == 500)
      #expect(try await Self.buy(caller, customerId, "IR-DAY-NA").status == 409)
      // Activation (600 s) ended at 00:10; midnight comes 23 h 50 min after it; then the first slice at 06:00.
      caller.clock.advance(by: .seconds(12 * 3600 - 600))
      #expect(try await Self.pack(caller, customerId, id)?["status"] == "ACTIVE")
      caller.clock.advance(by: .seconds(6 * 3600))
      #expect(try await Self.pack(caller, customerId, id)?["remainingDataMB"] == 450)
    }
  }

  @Test func dataCutOffAndASuspendedLineStopTheUse() async throws {
    try await SandboxHarness().run { caller in
      let customerId = try await Flows.activeLine(caller, clientAccountId: "acct-ir-cut")
      let id = try #require(try await Self.buy(caller, customerId, "IR-WEEK-WW")["purchaseId"]?.stringValue)
      let cut = try await caller.call(
        .put, "/apisvc/v0/customer/manage/feature/\(customerId)",
        json: ["feature": "DATA_CUTOFF", "enable": true, "reasonCode": "OVERUSE"])
      #expect(cut.status == 200)
      caller.clock.advance(by: .seconds(6 * 3600))
      let noData = try #require(try await Self.pack(caller, customerId, id))
      #expect(noData["remainingDataMB"] == 2048)
      #expect(noData["remainingVoiceMinutes"] == 97)
      #expect(
        try await caller.call(.put, "/apisvc/v0/suspend", json: ["customerId": .string(customerId), "reasonCode": "x"])
          .status == 200)
      caller.clock.advance(by: .seconds(6 * 3600))
      #expect(try await Self.pack(caller, customerId, id) == noData)
    }
  }

  @Test func errorsAnswer400404And409AndChangeNothing() async throws {
    try await SandboxHarness().run { caller in
      let customerId = try await Flows.activeLine(caller, clientAccountId: "acct-ir-err")
      let other = try await Flows.activeLine(caller, clientAccountId: "acct-ir-other")
      // 409: a purchase without its quote.
      let unquoted = try await Self.order(caller, "purchase", customerId, "IR-DAY-NA")
      #expect(unquoted.status == 409)
      #expect(unquoted.text.contains("roaming.quote"))
      // 404: unknown pack, customer, group, a card of another customer, auto-renew of a pack never bought.
      #expect(try await Self.order(caller, "quote", customerId, "IR-NOPE").status == 404)
      #expect(try await Self.order(caller, "quote", "CUST999999", "IR-DAY-NA").status == 404)
      #expect(try await caller.call(.get, "/apisvc/v0/intl/roaming/pack/group?groupId=GRP999999").status == 404)
      #expect(try await caller.call(.get, "/apisvc/v0/intl/roaming/pack/usage?customerId=CUST999999").status == 404)
      let othersCard = try await Flows.defaultCard(caller, other)
      #expect(
        try await Self.buy(caller, customerId, "IR-DAY-NA", extra: ["ccUUID": .string(othersCard)]).status == 404)
      let noPack = try await caller.call(
        .post, "/apisvc/v0/intl/roaming/pack/IR-DAY-NA/autorenew",
        json: ["customerId": .string(customerId), "autoRenew": true])
      #expect(noPack.status == 404)
      // 400: a start date in the past or too far ahead.
      let past = try await Self.order(
        caller, "quote", customerId, "IR-DAY-NA", extra: ["startDate": "2020-01-01"])
      #expect(past.errorFields == ["startDate"])
      // 400 on ccUUID: the declining card declines; the quote stays open for another card.
      let declining = try await Flows.addCard(caller, customerId, number: MagicValues.decliningCard)
      let extra: [String: JSONValue] = ["ccUUID": .string(declining)]
      let declined = try await Self.buy(caller, customerId, "IR-DAY-NA", extra: extra)
      #expect(declined.status == 400)
      #expect(declined.errorFields == ["ccUUID"])
      #expect(try await Self.order(caller, "purchase", customerId, "IR-DAY-NA").status == 200)
      // 409: the same pack while it is live; a second purchase on the same quote.
      #expect(try await Self.buy(caller, customerId, "IR-DAY-NA").status == 409)
      #expect(try await Self.order(caller, "purchase", customerId, "IR-DAY-NA").status == 409)
      // 409: a line that is not active can neither see offerings nor buy.
      #expect(
        try await caller.call(.put, "/apisvc/v0/suspend", json: ["customerId": .string(other), "reasonCode": "x"])
          .status == 200)
      caller.clock.advance(by: .seconds(30))
      #expect(try await Self.order(caller, "quote", other, "IR-DAY-NA").status == 409)
      let offerings = try await caller.call(
        .post, "/apisvc/v0/get/additional/offerings", json: ["countries": ["MX"], "customerId": .string(other)])
      #expect(offerings.status == 409)

      let usage = try await caller.call(.get, "/apisvc/v0/intl/roaming/pack/usage?customerId=\(customerId)")
      #expect(usage["packs"]?.arrayValue?.count == 1)
      let audit = try await caller.call(.get, "/__sandbox/audit")["entries"]?.arrayValue ?? []
      #expect(audit.filter { $0["endpointId"] == "roaming.purchase" }.count == 1)
    }
  }
}
