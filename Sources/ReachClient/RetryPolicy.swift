import ReachCatalogue

/// When to retry, as a pure decision: given what came back and what came before, wait and retry,
/// or stop.
///
/// What comes from the guide and what is ours:
/// - 429 (guide 2.4 "Rate Limiting"): wait 1, 2, 4 s, "continue doubling up to 60 seconds
///   maximum"; "after 5 consecutive failures … stop retrying". So the fifth 429 in a row ends the
///   call, after four waits (1, 2, 4, 8 s). The request's own wait is the guide's schedule. A
///   `Retry-After` on a 429 (the guide names no header: reading it is our assumption) goes to the
///   shared `RateLimiter`, which holds every request of the run for the longer of the two, so no
///   request goes before the platform asked (`ReachClient.send`).
/// - 500 (guide section 5 "Retry after 5 seconds"): the 5 s is the guide's; retrying twice,
///   then handing back the 500, is our assumption (the guide says only "if persistent").
/// - 503 (guide section 5 "Retry with back-off"): the guide names no schedule. Assumption: the
///   429 schedule, 5 retries, and a `Retry-After` on a 503, when present, is the wait (capped at
///   60 s).
/// - 504 and a lost connection (guide section 5 "Retry — the request may have partially
///   succeeded; check status"): assumption: resend only a call that cannot repeat an effect, on
///   the 429 schedule, 5 times; any other is reported as outcome unknown, to be checked.
public struct RetryPolicy: Sendable, Equatable {
  /// The consecutive 429s that end a call (guide 2.4: "After 5 consecutive failures … stop
  /// retrying"): the last of them is not retried.
  public var maxConsecutiveRateLimits = 5
  /// Back-off cap (guide 2.4: doubling "up to 60 seconds maximum").
  public var maxBackoff: Duration = .seconds(60)
  /// 500: retry after 5 seconds (guide section 5).
  public var serverErrorDelay: Duration = .seconds(5)
  /// 500: how many times (assumption: the guide says only "alert support if persistent").
  public var maxServerErrorRetries = 2
  /// 503, and 504 or a lost connection on a call that is safe to retry: back off, this many
  /// times (assumption: section 5 says "retry with back-off" and names no count).
  public var maxUnavailableRetries = 5

  public init() {}

  public enum Decision: Sendable, Equatable {
    case retry(after: Duration)
    case rateLimitExhausted
    case outcomeUnknown
    case fail
  }

  /// What happened on one attempt, and the count of same-kind failures just before it.
  public enum Failure: Sendable, Equatable {
    case status(Int, retryAfter: Duration?)
    case connectionLost
  }

  /// `previous` counts the consecutive failures of the same kind before this one.
  public func decide(_ failure: Failure, previous: Int, retrySafe: Bool) -> Decision {
    switch failure {
    case .status(429, _):
      // Guide 2.4: this one is failure `previous + 1`; the fifth in a row stops.
      guard previous + 1 < maxConsecutiveRateLimits else { return .rateLimitExhausted }
      return .retry(after: backoff(previous))
    case .status(500, _):
      return previous < maxServerErrorRetries ? .retry(after: serverErrorDelay) : .fail
    case .status(503, let retryAfter):
      guard previous < maxUnavailableRetries else { return .fail }
      // Assumption: a 503's Retry-After is the wait (section 5 names no schedule for it).
      return .retry(after: retryAfter.map { min($0, maxBackoff) } ?? backoff(previous))
    case .status(504, _), .connectionLost:
      // "The request may have partially succeeded": resend only what cannot repeat an effect.
      guard retrySafe else { return .outcomeUnknown }
      return previous < maxUnavailableRetries ? .retry(after: backoff(previous)) : .fail
    case .status:
      return .fail
    }
  }

  /// Guide 2.4: 1, 2, 4, 8 … seconds, doubling up to `maxBackoff` (60): `Backoff.guide`'s
  /// schedule with this policy's cap.
  public func backoff(_ previous: Int) -> Duration {
    Backoff(cap: maxBackoff).delay(after: previous)
  }
}
