import Foundation
import ReachCatalogue
import ReachClient
import Synchronization
import Testing

/// The adaptive limiter (`reach run` without `--rate`) against a platform that limits each key to
/// `limit` calls in each whole second of its clock and says nothing but 429 (no rate-limit
/// headers, no Retry-After): it learns the limit from the 429s and probes in small steps,
/// settling at 0.95 of it or more with fewer than 1 % of the requests answered 429.
@Suite struct AdaptiveProbeTests {
  static let limit = 20

  @Test func learnsALimitTheHeadersDoNotGive() async throws {
    let clock = VirtualClock()
    let window = Mutex((second: -1, count: 0))
    let platform = FakePlatform { request, _ in
      let second = Int(clock.now.offset.components.seconds)
      let admitted = window.withLock { window -> Bool in
        if window.second != second { window = (second, 0) }
        guard window.count < Self.limit else { return false }
        window.count += 1
        return true
      }
      return admitted ? (200, ["customerId": "C-1", "status": 2]) : (429, ["message": "rate limit exceeded"])
    }
    try await platform.serve(clock: clock) { plain in
      let limiter = RateLimiter(adaptiveUpTo: .infinity, clock: clock)
      let client = ReachClient(target: plain.target, clock: clock, rateLimiter: limiter)
      var accepted: [Int] = []
      var tooMany: [Int] = []
      while clock.now.offset < .seconds(400) {
        let response = try await client.send("customer.info", ["customerId": "C-1"])
        #expect(response.status == 200)
        let second = Int(clock.now.offset.components.seconds)
        accepted.append(second)
        tooMany += Array(repeating: second, count: response.attempts - 1)
      }
      // Settled: from the 60th second on.
      let settled = accepted.filter { $0 >= 60 && $0 < 400 }
      let rate = Double(settled.count) / 340
      let storms = tooMany.filter { $0 >= 60 && $0 < 400 }.count
      #expect(rate >= 0.95 * Double(Self.limit), "settled at \(rate)/s")
      #expect(rate <= Double(Self.limit), "settled at \(rate)/s")
      #expect(Double(storms) < 0.01 * Double(settled.count + storms), "\(storms) 429s of \(settled.count + storms)")
      // Over the whole run, the first 429s included.
      #expect(Double(tooMany.count) < 0.01 * Double(accepted.count + tooMany.count), "\(tooMany.count) 429s")
      let estimate = try #require(await limiter.estimate)
      #expect(estimate >= 0.95 * Double(Self.limit) && estimate <= 1.05 * Double(Self.limit), "\(estimate)")
      #expect(await !limiter.estimateFromHeaders)
    }
  }
}
