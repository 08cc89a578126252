import Foundation
import HTTPTypes
import ReachCatalogue
import ReachSandbox
import Testing

@Suite("Audit log")
struct AuditTests {
  @Test func recordsEachAcceptedStateChangeOnce() async throws {
    try await SandboxHarness().run { caller in
      let customerId = try await Flows.activeLine(caller, clientAccountId: "acct-audit")
      let body: JSONValue = ["customerId": .string(customerId), "reasonCode": "LOST_DEVICE"]
      #expect(try await caller.call(.put, "/apisvc/v0/suspend", json: body).status == 200)
      // Rejected, so not recorded.
      #expect(try await caller.call(.put, "/apisvc/v0/suspend", json: body).status == 409)
      // A read, so not recorded.
      #expect(try await caller.call(.post, "/apisvc/v0/network/coverage", json: ["zip": "10001"]).status == 200)

      let audit = try await caller.call(.get, "/__sandbox/audit", headers: [:])
      #expect(audit.status == 200)
      let entries = try #require(audit["entries"]?.arrayValue)
      #expect(
        entries.compactMap { $0["endpointId"]?.stringValue } == [
          "product.purchase", "sandbox.pay", "activation.submit", "subscriber.suspend",
        ])
      #expect(entries.compactMap { $0["sequence"]?.intValue } == [1, 2, 3, 4])
      let suspend = try #require(entries.last)
      #expect(suspend["method"] == "PUT")
      #expect(suspend["path"] == "/apisvc/v0/suspend")
      #expect(suspend["customerId"] == .string(customerId))
      #expect(suspend["outcome"] == "200")
      #expect(suspend["time"]?.stringValue?.hasPrefix("2026-01-01T00:10") == true)
    }
  }

  static func sequences(_ audit: JSONValue) -> [Int] {
    audit["entries"]?.arrayValue?.compactMap { $0["sequence"]?.intValue } ?? []
  }

  /// Suspends seeded lines (SUB0000001 on): one accepted change each.
  static func suspend(_ caller: Caller, _ lines: ClosedRange<Int>) async throws {
    for line in lines {
      let body: JSONValue = ["customerId": .string("SUB000000\(line)"), "reasonCode": "x"]
      #expect(try await caller.call(.put, "/apisvc/v0/suspend", json: body).status == 200)
    }
  }

  /// Memory keeps the most recent entries (`auditKept`), numbered on, and the list says how many
  /// came before them.
  @Test func memoryKeepsTheMostRecentEntries() async throws {
    try await SandboxHarness(options: SandboxOptions(customers: 5, auditKept: 3)).run { caller in
      try await Self.suspend(caller, 1...5)
      let audit = try await caller.call(.get, "/__sandbox/audit").json
      #expect(Self.sequences(audit) == [3, 4, 5])
      #expect(audit["omitted"] == 2)
    }
  }

  /// A state file keeps every entry: a restart that keeps more reads back those memory had let go.
  @Test func theStateFileKeepsEveryEntry() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reach-audit-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("state.sqlite").path
    let clock = ManualSandboxClock()
    let credentials = SandboxCredentials.random()
    let first = SandboxOptions(customers: 5, auditKept: 3)
    try await SandboxHarness(
      options: first, clock: clock, credentials: credentials, store: try SandboxStore(path: path)
    )
    .run { caller in
      try await Self.suspend(caller, 1...5)
      #expect(Self.sequences(try await caller.call(.get, "/__sandbox/audit").json) == [3, 4, 5])
    }
    let again = SandboxOptions(customers: 5, auditKept: 10)
    try await SandboxHarness(
      options: again, clock: clock, credentials: credentials, store: try SandboxStore(path: path)
    )
    .run { caller in
      let audit = try await caller.call(.get, "/__sandbox/audit").json
      #expect(Self.sequences(audit) == [1, 2, 3, 4, 5])
      #expect(audit["omitted"] == 0)
    }
  }
}
