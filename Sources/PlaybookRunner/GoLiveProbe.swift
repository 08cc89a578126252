public import Playbook
public import ReachCatalogue

/// What `check` steps need from outside the runner, wired by the CLI: posting to a brand's
/// webhook endpoint, a sandbox limited to a few requests per second, and where the run's
/// credentials come from. The runner imports neither the sandbox nor the receiver; it reaches
/// them only through this.
public protocol GoLiveProbe: Sendable {
  /// POSTs `body` as JSON to `url`, giving up after `timeout`.
  func post(_ url: String, body: JSONValue, timeout: Duration) async -> WebhookPostResult
  /// Makes `calls` calls, one after another, against a sandbox allowing `perSecond` requests per
  /// second, through the client and its retry policy.
  func rateLimited(perSecond: Int, calls: Int) async -> RateLimitResult
  /// Where each credential of the run comes from (`jwt: environment variable REACH_JWT`); a
  /// literal value is never a source.
  var credentialSources: [String] { get }
  /// The URL of the receiver reach runs for this check itself (over HTTPS with a throwaway
  /// certificate), for `webhook: embedded`; nil when the run has none.
  func embeddedReceiver(_ endpoint: WebhookEndpoint) async -> String?
}

/// One post to a webhook endpoint: its status (nil when there was no answer) and time.
public struct WebhookPostResult: Sendable, Hashable {
  public var status: Int?
  public var elapsed: Duration
  public var error: String?

  public init(status: Int?, elapsed: Duration, error: String? = nil) {
    self.status = status
    self.elapsed = elapsed
    self.error = error
  }
}

/// What a rate-limited run observed: each call's final status and the waits before its retries.
public struct RateLimitResult: Sendable, Hashable {
  public struct Call: Sendable, Hashable {
    public var status: Int?
    /// The waits after each 429, in order.
    public var waits: [Duration]
    public var error: String?

    public init(status: Int?, waits: [Duration], error: String? = nil) {
      self.status = status
      self.waits = waits
      self.error = error
    }
  }

  public var calls: [Call]

  public init(calls: [Call]) {
    self.calls = calls
  }
}

/// A run without probes: every check fails, saying why.
struct NoGoLiveProbe: GoLiveProbe {
  func post(_ url: String, body: JSONValue, timeout: Duration) async -> WebhookPostResult {
    WebhookPostResult(status: nil, elapsed: .zero, error: "this run has no way to post to webhooks")
  }

  func rateLimited(perSecond: Int, calls: Int) async -> RateLimitResult { RateLimitResult(calls: []) }

  var credentialSources: [String] { [] }

  func embeddedReceiver(_ endpoint: WebhookEndpoint) async -> String? { nil }
}
