import Synchronization

/// A pacer on an injected clock: `rate` requests a second on a grid of slots, with bursts of `burst`.
/// Shared by every worker of a run, so their sum stays inside the platform's limit.
///
/// A fixed limiter (`--rate`) holds every worker on a 429 (`rateLimited(retryAfter:sentAt:)`), so
/// they back off together. An adaptive one (no `--rate`) learns the platform's limit: exactly, from
/// a `RateLimit-Policy` (or a `RateLimit-Limit` with a `w=` window) the platform sends (see
/// `RateLimitHeaders`); otherwise from the 429s, by probing in small steps. It then sends at
/// `headroom` of what it learned. The guide (2.4) says only that the platform limits each API key
/// and answers 429 beyond it; the headers and the probing are ours.
public actor RateLimiter {
  public private(set) var rate: Double
  public let burst: Double
  /// Whether the rate adapts (no `--rate`).
  public let adaptive: Bool
  /// Fixed limit: a rate. Adaptive: the most it may reach.
  public let ceiling: Double
  /// What an adaptive limiter believes the platform allows, in requests a second; nil until the
  /// first 429 or rate-limit header.
  public private(set) var estimate: Double?
  /// Whether `estimate` came from the platform's headers (then it is not probed).
  public private(set) var estimateFromHeaders = false

  /// The share of the learned limit an adaptive limiter sends at.
  public static let headroom = 0.98
  /// While probing: × this each second without a 429.
  static let probeStep = 1.005
  /// Back under the learned limit after a cut: × this each second, up to `headroom` of it.
  static let recovery = 1.1
  /// A storm (429s on requests sent after the last cut, within `stormWindow`): × this.
  static let cut = 0.8
  static let stormWindow: Duration = .seconds(2)
  /// Quiet time at `headroom` before probing again: from `firstQuiet`, doubled (up to `maxQuiet`)
  /// each time a probe finds the limit where it was.
  static let firstQuiet: Duration = .seconds(30)
  static let maxQuiet: Duration = .seconds(240)

  private let clock: any Clock<Duration>
  private let origin: AnyInstant
  /// The next free slot on the grid of one request every 1/`rate` seconds.
  private var nextSlot: Duration?
  /// No request goes before this (a 429's back-off, shared).
  private var heldUntil: Duration = .zero
  private var lastRaise: Duration = .zero
  /// When the rate was last cut for a 429 (requests let go before it do not cut it again).
  private var lastCut: Duration?
  private var quiet = RateLimiter.firstQuiet
  /// When answers that were not 429 came, over the last second (adaptive only).
  private var accepted: [Duration] = []
  private var acceptedHead = 0
  /// The rate now, readable without waiting on the actor (for a live view).
  private nonisolated let published = Atomic<UInt64>(0)
  private nonisolated let publishedEstimate = Atomic<UInt64>(0)
  /// Holds begun so far (`holds`), readable without waiting on the actor.
  private nonisolated let holdCount = Atomic<Int>(0)

  public init(rate: Double, burst: Int? = nil, clock: any Clock<Duration>) {
    precondition(rate > 0, "rate must be positive")
    self.rate = rate
    self.ceiling = rate
    self.adaptive = false
    self.burst = Double(max(1, burst ?? Int(rate.rounded(.up))))
    self.clock = clock
    self.origin = AnyInstant(clock)
    published.store(rate.bitPattern, ordering: .relaxed)
    publishedEstimate.store(rate.bitPattern, ordering: .relaxed)
  }

  /// An adaptive limiter: no limit until the platform says one (a rate-limit header or the first
  /// 429), then `headroom` of it, probed upward in small steps when it was learned from 429s.
  public init(adaptiveUpTo ceiling: Double = .infinity, clock: any Clock<Duration>) {
    self.rate = .infinity
    self.ceiling = ceiling
    self.adaptive = true
    self.burst = 1
    self.clock = clock
    self.origin = AnyInstant(clock)
    published.store(Double.infinity.bitPattern, ordering: .relaxed)
    publishedEstimate.store(Double.nan.bitPattern, ordering: .relaxed)
  }

  /// The rate now (infinite: not limited yet), and what the limiter takes the platform's limit
  /// to be (nil: not known yet); without waiting on the actor.
  public nonisolated var snapshot: (rate: Double, limit: Double?) {
    let limit = Double(bitPattern: publishedEstimate.load(ordering: .relaxed))
    return (Double(bitPattern: published.load(ordering: .relaxed)), limit.isNaN ? nil : limit)
  }

  /// How many holds (a 429's back-off for every worker) have begun so far, without waiting on the
  /// actor: a request let go by `acquire` that then waited for something else (a request permit)
  /// compares it with what it read when let go, and asks again for a slot if a hold began since.
  public nonisolated var holds: Int {
    holdCount.load(ordering: .relaxed)
  }

  /// An answer came back that was not a 429: an adaptive limiter counts it (what the platform
  /// accepted over the last second is its first estimate of the limit) and reads its headers.
  public func answered(_ headers: RateLimitHeaders) {
    guard adaptive else { return }
    let now = origin.elapsed()
    accepted.append(now)
    prune(now)
    learn(headers)
  }

  /// Forgets the answers more than a second old.
  private func prune(_ now: Duration) {
    while acceptedHead < accepted.count, now - accepted[acceptedHead] > .seconds(1) { acceptedHead += 1 }
    if acceptedHead > 1024, acceptedHead * 2 > accepted.count {
      accepted.removeFirst(acceptedHead)
      acceptedHead = 0
    }
  }

  /// A 429 came back for a request let go at `sentAt` (what `acquire` returned), which backs off
  /// for `delay` (the guide's schedule, 2.4); `asked` is the 429's `Retry-After`, if it had one.
  /// A fixed limiter holds every worker for the longer of the two; an adaptive one learns from
  /// it, and holds every worker so only in a storm (429s on requests sent after its last cut,
  /// within `stormWindow` of it) or when the platform asked for longer than the request's own
  /// back-off: a lone 429 is a probe that went one step too far, and the request's own back-off
  /// is enough. Honouring `Retry-After` is our assumption: the guide (2.4) names no header, only
  /// that the platform limits each key.
  public func rateLimited(
    retryAfter backoff: Duration, asked: Duration? = nil, sentAt: Duration? = nil, headers: RateLimitHeaders? = nil
  ) {
    let now = origin.elapsed()
    let delay = max(backoff, asked ?? .zero)
    guard adaptive else {
      hold(until: now + delay)
      return
    }
    defer {
      // The platform asked every request of this key to wait longer than this one backs off.
      if let asked, asked > backoff { hold(until: now + asked) }
    }
    let unlimited = rate.isInfinite
    let told = headers.map(learn) ?? false
    // Sent before the last cut: it says nothing about the rate since.
    if let lastCut, let sentAt, sentAt < lastCut {
      if now < heldUntil { hold(until: now + delay) }
      return
    }
    if told {
      // The platform said its limit: nothing to guess. Every worker backs off at the first 429
      // (they were all sending freely) and in a storm; a lone 429 holds only its own request.
      if unlimited || lastCut.map({ now - $0 < Self.stormWindow }) == true { hold(until: now + delay) }
    } else if rate.isInfinite {
      // What the platform took over the last second, flooded: about its limit.
      prune(now)
      let took = Double(accepted.count - acceptedHead)
      if !estimateFromHeaders { estimate = max(1, took) }
      rate = min(ceiling, max(1, Self.headroom * (estimate ?? 1)))
      hold(until: now + delay)
    } else if let lastCut, now - lastCut < Self.stormWindow {
      rate = max(1, rate * Self.cut)
      estimate = rate / Self.headroom
      estimateFromHeaders = false
      quiet = Self.firstQuiet
      hold(until: now + delay)
    } else {
      // A probe past the limit, or the limit came down: just under the rate that drew it.
      let found = rate / 1.01
      if let estimate, !estimateFromHeaders, abs(found - estimate) <= 0.03 * estimate {
        quiet = min(quiet * 2, Self.maxQuiet)
      } else {
        quiet = Self.firstQuiet
      }
      estimate = found
      estimateFromHeaders = false
      rate = max(1, min(ceiling, Self.headroom * found))
    }
    lastCut = now
    lastRaise = now
    publish()
  }

  /// A 429's back-off for every worker (a fixed limiter's, or a test's).
  public func hold(for delay: Duration) {
    hold(until: origin.elapsed() + delay)
  }

  private func hold(until end: Duration) {
    heldUntil = max(heldUntil, end)
    holdCount.add(1, ordering: .relaxed)
    // Slots reserved before the hold are given up: the grid starts again when it ends, and the
    // request that ends it goes at once.
    nextSlot = heldUntil
  }

  /// A limit and window from the platform's headers sets the estimate exactly. Returns whether
  /// the headers gave one.
  @discardableResult
  private func learn(_ headers: RateLimitHeaders) -> Bool {
    guard let perSecond = headers.perSecond else { return false }
    if estimateFromHeaders, estimate == perSecond { return true }
    estimate = perSecond
    estimateFromHeaders = true
    rate = min(ceiling, max(0.01, Self.headroom * perSecond))
    publish()
    return true
  }

  private func publish() {
    published.store(rate.bitPattern, ordering: .relaxed)
    publishedEstimate.store((estimate ?? .nan).bitPattern, ordering: .relaxed)
  }

  /// Once a second: back up to `headroom` of the estimate after a cut, then (learned from 429s,
  /// and quiet long enough) probe upward by `probeStep`.
  private func adapt(_ now: Duration) {
    guard now - lastRaise >= .seconds(1), let estimate else { return }
    lastRaise = now
    let target = Self.headroom * estimate
    if rate < target {
      rate = min(target, rate * Self.recovery, ceiling)
    } else if estimateFromHeaders {
      rate = min(target, ceiling)
    } else if now - (lastCut ?? .zero) >= quiet {
      rate = min(ceiling, rate * Self.probeStep)
      // Above the estimate for a whole second without a 429: the limit is higher.
      if rate > estimate * Self.probeStep { self.estimate = rate / Self.probeStep }
    }
    publish()
  }

  /// Waits until a request may go, and returns when it was let go (elapsed on the limiter's
  /// clock; give it back with a 429). Each request reserves a slot on a grid, one every 1/`rate`
  /// seconds, then waits for it: a worker that wakes late does not push the grid back, so the
  /// rate holds over a long run (a token bucket refilled from each wake-up time loses every
  /// oversleep: 0.94 of 100/s). `burst` slots may be taken at once after a quiet spell.
  @discardableResult
  public func acquire() async throws -> Duration {
    while true {
      let now = origin.elapsed()
      if now < heldUntil {
        try await clock.sleep(for: heldUntil - now)
        continue
      }
      if adaptive {
        if rate.isInfinite { return now }
        adapt(now)
      }
      let interval = Duration.nanoseconds(Int64((1e9 / rate).rounded(.up)))
      let earliest = now - interval * (burst - 1)
      let slot = max(nextSlot ?? earliest, earliest)
      nextSlot = slot + interval
      if slot > now { try await clock.sleep(for: slot - now) }
      // A 429 that came while this request waited holds it too: it takes a new slot.
      let woke = origin.elapsed()
      if woke >= heldUntil { return woke }
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
