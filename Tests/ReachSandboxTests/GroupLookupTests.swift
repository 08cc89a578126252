import Foundation
import HTTPTypes
import ReachCatalogue
import ReachSandbox
import Testing

@Suite("Group lookups (ild.status, ild.usage, roaming.packGroup) before and after a restart")
struct GroupLookupTests {
  /// The three endpoints that take a groupId: each one's status.
  static func statuses(_ caller: Caller, _ groupId: String) async throws -> [Int] {
    var statuses: [Int] = []
    for path in ["/apisvc/v0/ild/status", "/apisvc/v0/ild/usage", "/apisvc/v0/intl/roaming/pack/group"] {
      statuses.append(try await caller.call(.get, "\(path)?groupId=\(groupId)").status)
    }
    return statuses
  }

  @Test func everyGroupWithLinesIsFoundAndNoOtherOneIs() async throws {
    try await PersistenceTests.withStateFile { path in
      let clock = ManualSandboxClock()
      let credentials = SandboxCredentials.random()
      let options = SandboxOptions(customers: 2)
      let found = [200, 200, 200]
      let missing = [404, 404, 404]
      // A new server on the file: nothing in memory is shared with the one before.
      func start() throws -> SandboxHarness {
        SandboxHarness(options: options, clock: clock, credentials: credentials, store: try SandboxStore(path: path))
      }
      let bought = GroupBox()
      try await start().run { caller in
        // A bought line's group, with no ILD credit or roaming pack: only its lines say it exists.
        let customerId = try await Flows.completedPurchase(caller, clientAccountId: "acct-group")
        let groupId = try await Flows.groupId(caller, customerId)
        await bought.set(groupId)
        #expect(try await Self.statuses(caller, groupId) == found)
        #expect(try await Self.statuses(caller, "GRP-SUB0000002") == found)
        for unknown in ["GRP999999", "GRP-SUB0000003", "GRP-\(customerId)", "GRP-"] {
          let statuses = try await Self.statuses(caller, unknown)
          #expect(statuses == missing, "\(unknown)")
        }
      }
      let groupId = try #require(await bought.value)
      try await start().run { (caller: Caller) async throws in
        #expect(try await Self.statuses(caller, groupId) == found)
        #expect(try await Self.statuses(caller, "GRP-SUB0000001") == found)
        #expect(try await Self.statuses(caller, "GRP999999") == missing)
      }
    }
  }

  actor GroupBox {
    var value: String?
    func set(_ new: String) { value = new }
  }
}
