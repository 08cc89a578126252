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

  @Test func aLateWakeUpDoesNotSlowTheRate() async throws {
    // Every sleep overshoots by 1 ms, as a loaded machine's do. Paced from each wake-up, 100
    // requests at 100/s would take 100 × 11 ms; on the grid the 100th goes at 990 ms (+1 late).
    let clock = VirtualClock()
    let limiter = RateLimiter(rate: 100, burst: 1, clock: LateClock(base: clock, late: .milliseconds(1)))
    for _ in 0..<100 { try await limiter.acquire() }
    #expect(clock.now.offset == .milliseconds(991))
  }

  @Test func workersSharingALimiterTakeTheGridInTurn() async throws {
    let clock = VirtualClock()
    let limiter = RateLimiter(rate: 50, burst: 1, clock: clock)
    try await withThrowingTaskGroup(of: Void.self) { group in
      for _ in 0..<8 {
        group.addTask { for _ in 0..<25 { try await limiter.acquire() } }
      }
      try await group.waitForAll()
    }
    // 200 requests at 50/s: the last one's slot is 199 × 20 ms.
    #expect(clock.now.offset == .milliseconds(3980))
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

/// A clock whose every sleep ends `late` after its deadline.
struct LateClock: Clock {
  let base: VirtualClock
  let late: Duration
  var now: VirtualClock.Instant { base.now }
  var minimumResolution: Duration { base.minimumResolution }
  func sleep(until deadline: VirtualClock.Instant, tolerance: Duration? = nil) async throws {
    try await base.sleep(until: deadline.advanced(by: late))
  }
}
