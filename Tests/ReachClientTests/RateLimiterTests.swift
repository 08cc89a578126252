import ReachClient
import Testing

@Suite struct RateLimiterTests {
  @Test func spacesRequestsAtTheRate() async throws {
    let clock = VirtualClock()
    let limiter = RateLimiter(rate: 4, burst: 1, clock: clock)
    for _ in 0..<5 { try await limiter.acquire() }
    // The first goes at once; each later one waits a quarter second.
    #expect(clock.now.offset == .milliseconds(1000))
  }

  @Test func burstGoesAtOnce() async throws {
    let clock = VirtualClock()
    let limiter = RateLimiter(rate: 10, burst: 10, clock: clock)
    for _ in 0..<10 { try await limiter.acquire() }
    #expect(clock.now.offset == .zero)
    try await limiter.acquire()
    #expect(clock.now.offset == .milliseconds(100))
  }
}
