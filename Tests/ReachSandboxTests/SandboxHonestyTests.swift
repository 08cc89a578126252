import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ReachCatalogue
import Synchronization
import Testing

@testable import ReachSandbox

/// Issue 21, item 6: a rehearsal sped up meets the rate limit as the platform enforces it, and
/// two sandboxes do not give the same ids.
@Suite("Sandbox honesty")
struct SandboxHonestyTests {
  /// Real time a test moves by hand.
  final class Elapsed: Sendable {
    let value = Mutex(Duration.zero)
    func advance(by duration: Duration) { value.withLock { $0 += duration } }
  }

  @Test func theRateLimitCountsWallTimeAtAnySpeed() async throws {
    let elapsed = Elapsed()
    // Started on a whole second (ahead of the wall), so the limit's one-second windows are known.
    let start = SandboxTime(seconds: (Date().timeIntervalSince1970 + 3600).rounded(.down))
    let clock = ScaledSandboxClock(speed: 600, resumingFrom: start, elapsed: { elapsed.value.withLock { $0 } })
    let credentials = SandboxCredentials.random()
    let server = SandboxServer(credentials: credentials, clock: clock, options: SandboxOptions(rateLimit: 2))
    let app = Application(router: server.router())
    try await app.test(.router) { client in
      let caller = Caller(client: client, credentials: credentials, clock: ManualSandboxClock())
      let coverage = "/apisvc/v0/network/coverage"
      // A sixth of a real second is 100 s of the sandbox's time at --speed 600: still one second
      // of the platform's limit.
      #expect(try await caller.call(.post, coverage, json: ["zip": "10001"]).status == 200)
      elapsed.advance(by: .milliseconds(100))
      #expect(try await caller.call(.post, coverage, json: ["zip": "10001"]).status == 200)
      elapsed.advance(by: .milliseconds(100))
      let limited = try await caller.call(.post, coverage, json: ["zip": "10001"])
      #expect(limited.status == 429)
      elapsed.advance(by: .seconds(1))
      #expect(try await caller.call(.post, coverage, json: ["zip": "10001"]).status == 200)
    }
  }

  @Test func twoSandboxesWithFreshIDBasesGiveDifferentTransactionIds() async throws {
    func firstTransaction(_ options: SandboxOptions) async throws -> String {
      let box = Mutex("")
      try await SandboxHarness(options: options).run { caller in
        let id = try await caller.purchase(clientAccountId: "acct-ids")
        box.withLock { $0 = id }
      }
      return box.withLock { $0 }
    }
    // The default counts from 1, as tests and docs show; a fresh base counts from a random block.
    #expect(try await firstTransaction(SandboxOptions()) == "TXN000001")
    var seen: Set<String> = []
    // Every block gives the same width: the lowest and the highest.
    #expect(
      (0..<1000).map { _ in SandboxOptions.freshIDBase() }.allSatisfy {
        (100_000_000_000...999_999_000_000).contains($0)
      })
    for _ in 0..<3 {
      let id = try await firstTransaction(SandboxOptions(idBase: SandboxOptions.freshIDBase()))
      #expect(id.hasPrefix("TXN") && id.count == 15, "\(id)")
      seen.insert(id)
    }
    #expect(seen.count == 3)
  }
}
