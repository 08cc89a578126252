/// The guide's retry rules (2.4 and section 5) as a pure decision: given what came back and what
/// came before, wait and retry, or stop.
public struct RetryPolicy: Sendable, Equatable {
  /// Retries on consecutive 429s before giving up (2.4: after 5, alert operations and stop).
  public var maxRateLimitRetries = 5
  /// Back-off cap (2.4: doubling up to 60 seconds).
  public var maxBackoff: Duration = .seconds(60)
  /// 500: retry after 5 seconds (section 5), this many times.
  public var serverErrorDelay: Duration = .seconds(5)
  public var maxServerErrorRetries = 2
  /// 503, and 504 or a lost connection on a call that is safe to retry: back off, this many times.
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
    case .status(429, let retryAfter):
      guard previous < maxRateLimitRetries else { return .rateLimitExhausted }
      return .retry(after: retryAfter.map { min($0, maxBackoff) } ?? backoff(previous))
    case .status(500, _):
      return previous < maxServerErrorRetries ? .retry(after: serverErrorDelay) : .fail
    case .status(503, let retryAfter):
      guard previous < maxUnavailableRetries else { return .fail }
      return .retry(after: retryAfter.map { min($0, maxBackoff) } ?? backoff(previous))
    case .status(504, _), .connectionLost:
      // "The request may have partially succeeded": resend only what cannot repeat an effect.
      guard retrySafe else { return .outcomeUnknown }
      return previous < maxUnavailableRetries ? .retry(after: backoff(previous)) : .fail
    case .status:
      return .fail
    }
  }

  /// 1, 2, 4, 8 … seconds, capped.
  public func backoff(_ previous: Int) -> Duration {
    let seconds = previous >= 30 ? Int64.max : Int64(1) << Int64(previous)
    return min(.seconds(seconds), maxBackoff)
  }
}
