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

/// A 429 holds every worker sharing a fixed limiter; an adaptive one learns the limit.
@Suite struct SharedBackoffTests {
  @Test func aHoldDelaysEveryWorkerUntilItEnds() async throws {
    let clock = VirtualClock()
    let limiter = RateLimiter(rate: 1000, burst: 1000, clock: clock)
    try await limiter.acquire()
    await limiter.rateLimited(retryAfter: .seconds(4))
    // Another worker, which saw no 429, waits out the same back-off.
    try await limiter.acquire()
    #expect(clock.now.offset == .seconds(4))
  }

  /// A 429's `Retry-After` longer than the request's back-off holds every worker for it
  /// (assumption: the guide names no header); a shorter one changes nothing.
  @Test func aRetryAfterLongerThanTheBackoffHoldsEveryWorker() async throws {
    let clock = VirtualClock()
    let fixed = RateLimiter(rate: 1000, burst: 1000, clock: clock)
    await fixed.rateLimited(retryAfter: .seconds(1), asked: .seconds(9))
    try await fixed.acquire()
    #expect(clock.now.offset == .seconds(9))
    await fixed.rateLimited(retryAfter: .seconds(2), asked: .zero)
    try await fixed.acquire()
    #expect(clock.now.offset == .seconds(11))
    // Adaptive, after a lone probe's 429 (which holds nobody): the platform's word holds all.
    let adaptive = RateLimiter(adaptiveUpTo: .infinity, clock: clock)
    await adaptive.answered(RateLimitHeaders(limit: 100, window: .seconds(1)))
    let start = clock.now.offset
    let sent = try await adaptive.acquire()
    await adaptive.rateLimited(retryAfter: .seconds(1), asked: .seconds(1), sentAt: sent)
    try await adaptive.acquire()
    #expect(clock.now.offset - start < .seconds(1))
    // Another lone probe, out of the storm window, whose 429 asks for 5 s.
    try await clock.sleep(for: .seconds(3))
    let second = try await adaptive.acquire()
    let asked = clock.now.offset
    await adaptive.rateLimited(retryAfter: .seconds(1), asked: .seconds(5), sentAt: second)
    try await adaptive.acquire()
    #expect(clock.now.offset - asked == .seconds(5))
  }

  @Test func adaptiveLimiterIsUnlimitedUntilA429ThenSendsJustUnderWhatWasTaken() async throws {
    let clock = VirtualClock()
    let limiter = RateLimiter(adaptiveUpTo: 1000, clock: clock)
    // 50 requests a second for two seconds, all taken, with no wait from the limiter.
    var sent: Duration = .zero
    for _ in 0..<100 {
      sent = try await limiter.acquire()
      await limiter.answered(RateLimitHeaders())
      try await clock.sleep(for: .milliseconds(20))
    }
    #expect(await limiter.rate.isInfinite)
    await limiter.rateLimited(retryAfter: .seconds(1), sentAt: sent)
    // Another request sent before the cut, answered 429 in the same storm, does not cut again.
    await limiter.rateLimited(retryAfter: .seconds(1), sentAt: sent)
    let estimate = try #require(await limiter.estimate)
    #expect(estimate == 50, "\(estimate)")
    #expect(await limiter.rate == 49)
    // Every worker waits out the back-off of that first storm.
    let before = clock.now.offset
    let after = try await limiter.acquire()
    #expect(after - before == .seconds(1))
    // A 429 on a request sent after the cut, within two seconds of it: a storm, cut by a fifth.
    await limiter.rateLimited(retryAfter: .seconds(1), sentAt: after)
    let cut = await limiter.rate
    #expect(abs(cut - 49 * 0.8) < 0.001, "\(cut)")
    // Quiet seconds bring it back to 0.98 of the new estimate, not higher until it probes.
    let start = clock.now
    while clock.now.offset - start.offset < .seconds(10) { try await limiter.acquire() }
    let raised = await limiter.rate
    #expect(abs(raised - cut) < 0.001, "\(raised)")
  }

  @Test func aLimitWithItsWindowInTheHeadersSetsTheRate() async throws {
    let clock = VirtualClock()
    let limiter = RateLimiter(adaptiveUpTo: .infinity, clock: clock)
    await limiter.answered(RateLimitHeaders(limit: 600, window: .seconds(60)))
    #expect(await limiter.estimate == 10)
    #expect(await limiter.estimateFromHeaders)
    #expect(abs(await limiter.rate - 9.8) < 0.001)
    // A limit without its window says nothing about a second.
    let other = RateLimiter(adaptiveUpTo: .infinity, clock: clock)
    await other.answered(RateLimitHeaders(limit: 5000))
    #expect(await other.estimate == nil)
  }

  @Test func readsTheDraftsHeadersAndTheXOnes() {
    func headers(_ fields: [(String, String)]) -> RateLimitHeaders {
      RateLimitHeaders(HTTPResponseData(status: 429, headers: fields, body: []))
    }
    #expect(headers([("RateLimit-Policy", "100;w=1"), ("RateLimit-Remaining", "0")]).perSecond == 100)
    #expect(headers([("ratelimit-limit", "100, 100;w=10")]).perSecond == 10)
    #expect(headers([("X-RateLimit-Limit", "5000"), ("X-RateLimit-Remaining", "12")]).perSecond == nil)
    #expect(headers([("X-RateLimit-Limit", "5000"), ("X-RateLimit-Remaining", "12")]).remaining == 12)
    #expect(headers([("Retry-After", "1")]) == RateLimitHeaders())
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
