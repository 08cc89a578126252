import Foundation
import HTTPTypes
import ReachCatalogue
import ReachSandbox
import Testing

@Suite("Seeded subscribers (--customers N)")
struct PopulationTests {
  @Test func idsNumbersAndCSVFollowTheDocumentedScheme() {
    #expect(SandboxPopulation.customerId(1) == "SUB0000001")
    #expect(SandboxPopulation.customerId(100_000) == "SUB0100000")
    #expect(SandboxPopulation.mobileNo(42) == "3120000042")
    #expect(SandboxPopulation.iccId(42) == "8901260000000000428")
    #expect(Luhn.isValid(SandboxPopulation.iccId(999_999)))
    #expect(SandboxPopulation.csv(count: 3) == "customerId\nSUB0000001\nSUB0000002\nSUB0000003\n")
    #expect(SandboxPopulation.csv(count: 0) == "customerId\n")
  }

  @Test func seededSubscribersAreActiveLinesThatTheLifecycleChanges() async throws {
    try await SandboxHarness(options: SandboxOptions(customers: 3)).run { caller in
      let info = try await caller.call(.get, "/apisvc/v0/customerinfo?customerId=SUB0000002")
      #expect(info.status == 200)
      #expect(info["status"] == 2)
      #expect(info["mobileNo"] == "3120000002")
      #expect(info["reachPlanId"] == "REACH-PLUS-15GB")
      #expect(info["isPrimary"] == true)
      #expect(info["clientAccountId"] == "ACCT-SUB0000002")
      #expect(try await caller.call(.get, "/apisvc/v0/customerinfo?customerId=SUB0000004").status == 404)

      let suspend = try await caller.call(
        .put, "/apisvc/v0/suspend", json: ["customerId": "SUB0000003", "reasonCode": "rehearsal"])
      #expect(suspend.status == 200)
      caller.clock.advance(by: .seconds(30))
      #expect(try await caller.call(.get, "/apisvc/v0/customerinfo?customerId=SUB0000003")["status"] == 3)
      #expect(try await caller.call(.get, "/apisvc/v0/customerinfo?customerId=SUB0000001")["status"] == 2)

      // A seeded line's SIM is in use; a line bought afterwards gets an id of its own.
      let iccid = try await caller.call(
        .post, "/apisvc/v0/iccid/validate", json: ["iccId": .string(SandboxPopulation.iccId(1))])
      #expect(iccid["isValid"] == false)
      let bought = try await Flows.completedPurchase(caller, clientAccountId: "acct-after-seed")
      #expect(!bought.hasPrefix("SUB"))
    }
  }

  @Test func tenThousandSubscribersAnswerAtEitherEnd() async throws {
    try await SandboxHarness(options: SandboxOptions(customers: 10_000)).run { (caller: Caller) async throws in
      #expect(try await caller.call(.get, "/apisvc/v0/customerinfo?customerId=SUB0010000")["status"] == 2)
      #expect(try await caller.call(.get, "/apisvc/v0/customerinfo?customerId=SUB0010001").status == 404)
    }
  }

  @Test func writeCSVNamesAnUnwritablePath() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("reach-population-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("customers.csv").path
    try SandboxPopulation.writeCSV(count: 2, to: path)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "customerId\nSUB0000001\nSUB0000002\n")
    let missing = directory.appendingPathComponent("no/such/dir.csv").path
    #expect(throws: SandboxPopulationError.self) { try SandboxPopulation.writeCSV(count: 1, to: missing) }
  }
}
