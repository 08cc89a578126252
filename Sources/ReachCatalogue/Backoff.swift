/// The one exponential back-off of reach: the wait after `previous` consecutive failures is
/// `first` doubled `previous` times, never more than `cap`.
///
/// `guide` is the schedule of guide 2.4 "Rate Limiting": 1, 2, 4 s, "continue doubling up to
/// 60 seconds maximum". The client's retries, the webhook forwarder and the sandbox's callback
/// retries all wait on it; where a caller's use of it is an assumption, the caller says so.
public struct Backoff: Sendable, Equatable {
  /// The first wait (after one failure).
  public var first: Duration
  /// No wait is longer than this.
  public var cap: Duration

  public init(first: Duration = .seconds(1), cap: Duration = .seconds(60)) {
    self.first = first
    self.cap = cap
  }

  /// Guide 2.4: 1, 2, 4, 8 … seconds, doubling up to 60.
  public static let guide = Backoff()

  /// The wait before the next attempt when `previous` failures of the same kind came before the
  /// one just seen: `first` · 2^`previous`, at most `cap` (a negative count counts as none).
  public func delay(after previous: Int) -> Duration {
    var wait = min(first, cap)
    var doublings = max(previous, 0)
    // Doubles only until the cap is reached, so a long run of failures cannot overflow.
    while doublings > 0 && wait < cap && wait > .zero {
      wait = min(wait * 2, cap)
      doublings -= 1
    }
    return wait
  }
}
