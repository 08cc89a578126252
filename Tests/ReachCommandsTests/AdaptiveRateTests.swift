import Foundation
import ReachCatalogue
import ReachClient
import ReachSandbox
import Testing

@testable import ReachCommands

/// The adaptive limiter (`reach run` without `--rate`) against a real sandbox started with a rate
/// limit, both on one virtual clock: the sandbox counts its one-second windows on it, and the
/// limiter paces and backs off on it, so the run is the same every time and takes no wall time
/// waiting. Sending freely at first, it draws a 429 whose `RateLimit-Policy` names the limit,
/// and from then on sends at 0.98 of it: 0.95 of the limit or more, with fewer than 1 % 429s.
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
    #expect(rate >= 0.95 * Double(Self.limit), "settled at \(rate)/s")
    #expect(rate <= Double(Self.limit), "settled at \(rate)/s")
    // Never over the limit in any second, as the sandbox counts them.
    var perSecond: [Int: Int] = [:]
    for second in settled { perSecond[second, default: 0] += 1 }
    #expect(perSecond.values.allSatisfy { $0 <= Self.limit }, "\(perSecond)")
    #expect(Double(storms) < 0.01 * Double(settled.count), "\(storms) 429s over 90 s")
    #expect(Double(tooMany.count) < 0.01 * Double(accepted.count), "\(tooMany.count) 429s in all")
    #expect(await limiter.estimateFromHeaders)
    let final = await limiter.rate
    #expect(final >= 0.95 * Double(Self.limit) && final <= Double(Self.limit), "rate \(final)")
  }
}
