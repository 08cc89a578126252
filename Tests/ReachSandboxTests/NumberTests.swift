import HTTPTypes
import ReachCatalogue
import ReachSandbox
import Testing

@Suite("MDN allocation and the ICCID index")
struct NumberTests {
  static func activate(_ caller: Caller, _ customerId: String, extra: [String: JSONValue] = [:]) async throws {
    var body: [String: JSONValue] = ["customerId": .string(customerId), "iccId": "8901000000000000092"]
    body.merge(extra) { $1 }
    let submit = try await caller.call(.post, "/apisvc/v0/activation", json: .object(body))
    guard submit.status == 202 else { throw HarnessError("activation answered \(submit.status): \(submit.text)") }
  }

  static func number(_ caller: Caller, _ customerId: String) async throws -> String? {
    try await caller.call(.get, "/apisvc/v0/customerinfo?customerId=\(customerId)")["mobileNo"]?.stringValue
  }

  static func iccidIsFree(_ caller: Caller, _ iccId: String) async throws -> Bool? {
    try await caller.call(.post, "/apisvc/v0/iccid/validate", json: ["iccId": .string(iccId)])["isValid"]?.boolValue
  }

  /// A Luhn-valid ICCID of no one.
  static func iccid(_ n: Int) -> String {
    Luhn.complete("8901999" + String(repeating: "0", count: 11 - String(n).count) + String(n))
  }

  @Test func numbersComeFromASequenceThatSkipsHeldOnesAndNeverMeetsSeededOnes() async throws {
    try await SandboxHarness(options: SandboxOptions(customers: 3)).run { caller in
      let first = try await Flows.completedPurchase(caller, clientAccountId: "acct-n1")
      let ported = try await Flows.completedPurchase(caller, clientAccountId: "acct-n2")
      let third = try await Flows.completedPurchase(caller, clientAccountId: "acct-n3")
      try await Self.activate(caller, first)
      caller.clock.advance(by: .seconds(600))
      #expect(try await Self.number(caller, first) == "2120000001")
      // A line ports in the very number the sequence would give next.
      try await Self.activate(
        caller, ported,
        extra: [
          "numberToPort": "2120000002", "oldCarrier": "OtherCo", "oldCarrierAccountNumber": "1", "password": "2468",
          "oldZip": "60601",
        ])
      caller.clock.advance(by: .seconds(600))
      #expect(try await Self.number(caller, ported) == "2120000002")
      try await Self.activate(caller, third)
      caller.clock.advance(by: .seconds(600))
      #expect(try await Self.number(caller, third) == "2120000003")
      // An MDN swap draws from the same sequence, under its own prefix.
      #expect(try await caller.call(.put, "/apisvc/v0/mdn/swap", json: ["customerId": .string(first)]).status == 200)
      caller.clock.advance(by: .seconds(60))
      #expect(try await Self.number(caller, first) == "6460000004")
      #expect(try await Self.number(caller, "SUB0000001") == "3120000001")
    }
  }

  @Test func manyBoughtLinesAllGetDifferentNumbers() async throws {
    try await SandboxHarness().run { caller in
      var lines: [String] = []
      for n in 0..<40 {
        let primary = try await Flows.completedPurchase(caller, clientAccountId: "acct-many-\(n)", extra: ["lines": 3])
        lines += [
          primary, AccountLineTests.nextLine(after: primary),
          AccountLineTests.nextLine(after: AccountLineTests.nextLine(after: primary)),
        ]
      }
      for line in lines { try await Self.activate(caller, line) }
      caller.clock.advance(by: .seconds(600))
      var numbers: [String] = []
      for line in lines { numbers.append(try #require(try await Self.number(caller, line))) }
      #expect(Set(numbers).count == 120)
      #expect(numbers.allSatisfy { $0.count == 10 && $0.hasPrefix("212") })
    }
  }

  @Test func theIccidIndexKnowsEverySimInUseAcrossSwapsAndRestarts() async throws {
    try await PersistenceTests.withStateFile { path in
      let clock = ManualSandboxClock()
      let credentials = SandboxCredentials.random()
      let options = SandboxOptions(customers: 5)
      let activated = Self.iccid(1)
      let swappedIn = Self.iccid(2)
      let line = LineBox()
      try await SandboxHarness(
        options: options, clock: clock, credentials: credentials, store: try SandboxStore(path: path)
      )
      .run { caller in
        // A seeded subscriber's SIM is in use; an unknown one is free.
        #expect(try await Self.iccidIsFree(caller, SandboxPopulation.iccId(3)) == false)
        #expect(try await Self.iccidIsFree(caller, activated) == true)
        let customerId = try await Flows.completedPurchase(caller, clientAccountId: "acct-sim")
        try await Self.activate(caller, customerId, extra: ["iccId": .string(activated)])
        #expect(try await Self.iccidIsFree(caller, activated) == false)
        // Another line cannot take it.
        let taken = try await caller.call(
          .post, "/apisvc/v0/iccid/swap", json: ["customerId": "SUB0000004", "newIccId": .string(activated)])
        #expect(taken.status == 409)
        // The seeded subscriber moves to a new SIM: its old one is free, the new one in use.
        let swap = try await caller.call(
          .post, "/apisvc/v0/iccid/swap", json: ["customerId": "SUB0000003", "newIccId": .string(swappedIn)])
        #expect(swap.status == 200)
        #expect(try await Self.iccidIsFree(caller, SandboxPopulation.iccId(3)) == true)
        #expect(try await Self.iccidIsFree(caller, swappedIn) == false)
        caller.clock.advance(by: .seconds(600))
        await line.set(customerId)
      }
      let customerId = await line.value
      // A new server on the same file rebuilds the index, and the number sequence goes on.
      try await SandboxHarness(
        options: options, clock: clock, credentials: credentials, store: try SandboxStore(path: path)
      )
      .run { caller in
        #expect(try await Self.iccidIsFree(caller, activated) == false)
        #expect(try await Self.iccidIsFree(caller, swappedIn) == false)
        #expect(try await Self.iccidIsFree(caller, SandboxPopulation.iccId(3)) == true)
        #expect(try await Self.iccidIsFree(caller, SandboxPopulation.iccId(4)) == false)
        #expect(try await Self.number(caller, customerId) == "2120000001")
        let next = try await Flows.completedPurchase(caller, clientAccountId: "acct-sim-2")
        try await Self.activate(caller, next, extra: ["iccId": .string(Self.iccid(3))])
        caller.clock.advance(by: .seconds(600))
        #expect(try await Self.number(caller, next) == "2120000002")
      }
    }
  }

  actor LineBox {
    var value = ""
    func set(_ new: String) { value = new }
  }
}
