/// A pacer on an injected clock: `rate` requests a second on a grid of slots, with bursts of `burst`.
/// Shared by every worker of a run, so their sum stays inside the platform's limit. A 429 holds
/// every worker (`hold(for:)`), so they back off together. An adaptive limiter (no `--rate`)
/// raises its rate while no 429 comes and cuts it on one, settling just under the platform's limit.
public actor RateLimiter {
  public private(set) var rate: Double
  public let burst: Double
  /// Whether the rate adapts: +`step` per second without a 429, ×`cut` on one.
  public let adaptive: Bool
  private let clock: any Clock<Duration>
  /// The next free slot on the grid of one request every 1/`rate` seconds.
  private var nextSlot: Duration?
  private let origin: AnyInstant
  /// No request goes before this (a 429's back-off, shared).
  private var heldUntil: Duration = .zero
  private var lastRaise: Duration = .zero
  /// Fixed limit: a rate. Adaptive: where the rate starts, and the most it may reach.
  public let ceiling: Double
  static let cut = 0.8
  /// Requests let go in the current one-second window, and the rate of the window before.
  private var windowStart: Duration = .zero
  private var windowCount = 0
  private var lastWindowRate: Double?

  public init(rate: Double, burst: Int? = nil, clock: any Clock<Duration>) {
    precondition(rate > 0, "rate must be positive")
    self.rate = rate
    self.ceiling = rate
    self.adaptive = false
    self.burst = Double(max(1, burst ?? Int(rate.rounded(.up))))
    self.clock = clock
    self.origin = AnyInstant(clock)
  }

  /// An adaptive limiter: no limit until the first 429, which sets the rate to what was being
  /// sent over the last second, cut; then +1/20 each quiet second, ×0.8 on each 429 storm.
  public init(adaptiveUpTo ceiling: Double = .infinity, clock: any Clock<Duration>) {
    self.rate = .infinity
    self.ceiling = ceiling
    self.adaptive = true
    self.burst = 1
    self.clock = clock
    self.origin = AnyInstant(clock)
  }

  /// A 429 came back: nobody sends for `delay` (every worker backs off together), and an
  /// adaptive limiter cuts its rate.
  public func hold(for delay: Duration) {
    let now = origin.elapsed()
    let alreadyHeld = now < heldUntil
    heldUntil = max(heldUntil, now + delay)
    // Slots reserved before the hold are given up: the grid starts again when it ends, and the
    // request that ends it goes at once.
    nextSlot = heldUntil
    // The workers caught in the same storm cut the rate once.
    if adaptive, !alreadyHeld {
      if rate.isInfinite {
        // What went out over the window now ending (or the one before, if this one just began).
        let seconds = max(0.001, Double((now - windowStart).components.attoseconds) / 1e18
          + Double((now - windowStart).components.seconds))
        let recent = seconds >= 0.5 ? Double(windowCount) / seconds : lastWindowRate ?? Double(windowCount) / seconds
        rate = max(1, recent * Self.cut)
      } else {
        rate = max(1, rate * Self.cut)
      }
      lastRaise = now + delay
    }
  }

  /// Waits until a request may go. Each request reserves a slot on a grid, one every 1/`rate`
  /// seconds, then waits for it: a worker that wakes late does not push the grid back, so the
  /// rate holds over a long run (a token bucket refilled from each wake-up time loses every
  /// oversleep: 0.94 of 100/s). `burst` slots may be taken at once after a quiet spell.
  public func acquire() async throws {
    while true {
      let now = origin.elapsed()
      if now < heldUntil {
        try await clock.sleep(for: heldUntil - now)
        continue
      }
      if adaptive {
        if now - windowStart >= .seconds(1) {
          let seconds = Double((now - windowStart).components.seconds)
            + Double((now - windowStart).components.attoseconds) / 1e18
          lastWindowRate = Double(windowCount) / seconds
          windowStart = now
          windowCount = 0
        }
        if rate.isInfinite {
          windowCount += 1
          return
        }
        if now - lastRaise >= .seconds(1) {
          // Additive increase: a twentieth more each quiet second, at least one request.
          rate = min(ceiling, rate + max(1, rate / 20))
          lastRaise = now
        }
      }
      let interval = Duration.nanoseconds(Int64((1e9 / rate).rounded(.up)))
      let earliest = now - interval * (burst - 1)
      let slot = max(nextSlot ?? earliest, earliest)
      nextSlot = slot + interval
      if slot > now { try await clock.sleep(for: slot - now) }
      // A 429 that came while this request waited holds it too: it takes a new slot.
      if origin.elapsed() >= heldUntil {
        windowCount += 1
        return
      }
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
