/// A token bucket on an injected clock: `rate` requests a second with bursts of `burst`.
/// Shared by every worker of a run, so their sum stays inside the platform's limit.
public actor RateLimiter {
  public let rate: Double
  public let burst: Double
  private let clock: any Clock<Duration>
  private var tokens: Double
  private var last: Duration?
  private let origin: AnyInstant

  public init(rate: Double, burst: Int? = nil, clock: any Clock<Duration>) {
    precondition(rate > 0, "rate must be positive")
    self.rate = rate
    self.burst = Double(max(1, burst ?? Int(rate.rounded(.up))))
    self.clock = clock
    self.tokens = self.burst
    self.origin = AnyInstant(clock)
  }

  /// Waits until a request may go.
  public func acquire() async throws {
    while true {
      let now = origin.elapsed()
      if let last {
        let elapsed = Double((now - last).components.seconds) + Double((now - last).components.attoseconds) / 1e18
        tokens = min(burst, tokens + elapsed * rate)
      }
      last = now
      if tokens >= 1 {
        tokens -= 1
        return
      }
      let wait = (1 - tokens) / rate
      try await clock.sleep(for: .nanoseconds(Int64((wait * 1e9).rounded(.up))))
    }
  }
}

/// Elapsed time on any clock, from when it was made.
struct AnyInstant: Sendable {
  private let read: @Sendable () -> Duration

  init<C: Clock<Duration>>(concrete clock: C) {
    let start = clock.now
    read = { start.duration(to: clock.now) }
  }

  init(_ clock: any Clock<Duration>) {
    func make<C: Clock<Duration>>(_ c: C) -> AnyInstant { AnyInstant(concrete: c) }
    self = make(clock)
  }

  func elapsed() -> Duration { read() }
}
