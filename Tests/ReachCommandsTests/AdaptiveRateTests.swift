import Foundation
import ReachCatalogue
import ReachClient
import ReachSandbox
import Testing

@testable import ReachCommands

/// The adaptive limiter (`reach run` without `--rate`) against a real sandbox started with a rate
/// limit, both on one virtual clock: the sandbox counts its one-second windows on it, and the
/// limiter paces and backs off on it, so the run is the same every time and takes no wall time
/// waiting. Sending freely at first, it draws 429s, cuts its rate on each storm, and settles
/// just under the limit, where it stays: a 429 now and then, never five in a row.
@Suite struct AdaptiveRateTests {
  static let limit = 20

  @Test func settlesJustUnderTheSandboxsRateLimit() async throws {
    let sandbox = try await EmbeddedSandbox.start(
      options: SandboxOptions(rateLimit: Self.limit, customers: 1), origin: 1_800_000_000)
    defer { Task { await sandbox.stop() } }
    let clock = sandbox.clock
    let limiter = RateLimiter(adaptiveUpTo: .infinity, clock: clock)
    let client = ReachClient(target: sandbox.target, clock: clock, rateLimiter: limiter)
    let customerId = SandboxPopulation.customerId(1)
    // The virtual second each accepted request went in, and the 429s before it.
    var accepted: [Int] = []
    var tooMany: [Int] = []
    while clock.now.offset < .seconds(150) {
      let response = try await client.send("customer.info", ["customerId": .string(customerId)])
      #expect(response.status == 200)
      let second = Int(clock.now.offset.components.seconds)
      accepted.append(second)
      tooMany += Array(repeating: second, count: response.attempts - 1)
    }
    // Settled: over the last 90 virtual seconds.
    let settled = accepted.filter { $0 >= 60 && $0 < 150 }
    let rate = Double(settled.count) / 90
    let storms = tooMany.filter { $0 >= 60 && $0 < 150 }.count
    // It cuts to 0.8 of what drew a 429 and climbs back by a twentieth a second: on average
    // about four fifths of the limit.
    #expect(rate >= 0.75 * Double(Self.limit), "settled at \(rate)/s")
    #expect(rate <= Double(Self.limit), "settled at \(rate)/s")
    // Never over the limit in any second, as the sandbox counts them.
    var perSecond: [Int: Int] = [:]
    for second in settled { perSecond[second, default: 0] += 1 }
    #expect(perSecond.values.allSatisfy { $0 <= Self.limit }, "\(perSecond)")
    // Probing upward costs a 429 now and then, not a storm every second.
    #expect(storms <= 20, "\(storms) 429s over 90 s")
    let final = await limiter.rate
    #expect(final > 0.7 * Double(Self.limit) && final <= 1.1 * Double(Self.limit), "rate \(final)")
  }
}
