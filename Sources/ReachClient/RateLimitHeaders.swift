import Foundation

/// What an answer says about the platform's rate limit. The guide (2.4) names no header, only the
/// 429; these are the IETF draft's (draft-ietf-httpapi-ratelimit-headers: `RateLimit-Policy:
/// 100;w=1`, `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset`) and the common
/// `X-RateLimit-*` ones, an assumption of ours. A limit counts only with its window (`w=`, in
/// seconds): `X-RateLimit-Limit: 5000` alone may be per hour, so it teaches the limiter nothing.
public struct RateLimitHeaders: Sendable, Equatable {
  /// Requests allowed per `window`.
  public var limit: Int?
  public var window: Duration?
  public var remaining: Int?

  public init(limit: Int? = nil, window: Duration? = nil, remaining: Int? = nil) {
    self.limit = limit
    self.window = window
    self.remaining = remaining
  }

  public init(_ response: HTTPResponseData) {
    self.init()
    // Most answers carry none: one pass over the headers, no work unless a name matches.
    for (name, value) in response.headers where name.count > 9 {
      switch name.lowercased() {
      case "ratelimit-policy":
        if let (limit, window) = Self.policy(value), let window {
          self.limit = limit
          self.window = window
        }
      case "ratelimit-limit", "x-ratelimit-limit":
        if let (limit, window) = Self.policy(value), self.window == nil {
          self.limit = limit
          self.window = window
        }
      case "ratelimit-remaining", "x-ratelimit-remaining":
        remaining = Int(value.trimmingCharacters(in: .whitespaces))
      default:
        continue
      }
    }
  }

  /// The limit in requests a second, when both the limit and its window are known.
  public var perSecond: Double? {
    guard let limit, let window, limit > 0 else { return nil }
    let seconds = window / .seconds(1)
    return seconds > 0 ? Double(limit) / seconds : nil
  }

  /// `100;w=1`, `100`, or the draft's list `100, 100;w=10`: the limit (the first number), and the
  /// window if an item gives one.
  static func policy(_ text: String) -> (Int, Duration?)? {
    var limit: Int?
    var window: Duration?
    for item in text.split(separator: ",") {
      let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
      if limit == nil, let head = parts.first { limit = Int(head) }
      for part in parts.dropFirst() where part.hasPrefix("w=") {
        if let seconds = Int(part.dropFirst(2)), seconds > 0 { window = .seconds(seconds) }
      }
    }
    return limit.map { ($0, window) }
  }
}
