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

/// A 429 holds every worker sharing the limiter, and an adaptive limiter settles under the limit.
@Suite struct SharedBackoffTests {
  @Test func aHoldDelaysEveryWorkerUntilItEnds() async throws {
    let clock = VirtualClock()
    let limiter = RateLimiter(rate: 1000, burst: 1000, clock: clock)
    try await limiter.acquire()
    await limiter.hold(for: .seconds(4))
    // Another worker, which saw no 429, waits out the same back-off.
    try await limiter.acquire()
    #expect(clock.now.offset == .seconds(4))
  }

  @Test func adaptiveLimiterIsUnlimitedUntilA429ThenCutsAndClimbsBack() async throws {
    let clock = VirtualClock()
    let limiter = RateLimiter(adaptiveUpTo: 1000, clock: clock)
    // 50 requests a second for two seconds, with no wait from the limiter.
    for _ in 0..<100 {
      try await limiter.acquire()
      try await clock.sleep(for: .milliseconds(20))
    }
    #expect(await limiter.rate.isInfinite)
    await limiter.hold(for: .seconds(1))
    // A second worker caught in the same storm does not cut again.
    await limiter.hold(for: .seconds(1))
    let cut = await limiter.rate
    #expect(cut >= 39 && cut <= 41, "\(cut)")
    // Quiet seconds raise it by a twentieth each.
    let start = clock.now
    while clock.now.offset - start.offset < .seconds(5) { try await limiter.acquire() }
    let raised = await limiter.rate
    #expect(raised > cut && raised < cut * 1.3, "\(raised)")
  }
}
