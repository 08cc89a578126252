/// `check:` — verifies one go-live requirement of the guide's 2.5 that software can verify. A
/// closed set, like the step kinds; each is executed by the runner through the probes the CLI
/// wires (webhook posts, a rate-limited sandbox, the run's credential sources).
public enum CheckStep: Sendable, Hashable {
  /// `check: { webhook: URL, endpoint: callback|notification, within: 10s }`: the brand's endpoint
  /// answers 200 over HTTPS within `within` to a sample payload of every event type it receives,
  /// and (callbacks) 200 to a duplicate. `embedded` is reach's own receiver, started for the
  /// check over HTTPS with a throwaway certificate: the rehearsal against the embedded sandbox.
  case webhook(url: Template, endpoint: WebhookEndpoint, within: Duration)
  /// `check: { https: [paths] }`: every redirectUrl and callback or webhook URL in these files
  /// (and the files under these directories) is `https://`.
  case https(paths: TemplateValue)
  /// `check: { secrets: [paths] }`: the run's credentials come from a secret source (environment
  /// or command), and no file under these paths holds a literal JWT or API key.
  case secrets(paths: TemplateValue)
  /// `check: { rate_limit: 2, calls: 10 }`: `calls` calls against a sandbox that allows
  /// `rate_limit` requests per second all complete, backing off on 429 as 2.4 says.
  case rateLimit(perSecond: Int, calls: Int)

  /// The key that names the check in YAML.
  public var keyword: String {
    switch self {
    case .webhook: return "webhook"
    case .https: return "https"
    case .secrets: return "secrets"
    case .rateLimit: return "rate_limit"
    }
  }

  /// Each check's key and the keys it adds.
  public static let keys: [(check: String, keys: [String])] = [
    ("webhook", ["endpoint", "within"]),
    ("https", []),
    ("secrets", []),
    ("rate_limit", ["calls"]),
  ]

  /// What `steps.<id>.…` offers after a check.
  public static let offers: Set<String> = ["findings"]
}

/// Which of the brand's two endpoints of 2.3 a webhook check posts to.
public enum WebhookEndpoint: String, Sendable, Hashable, CaseIterable {
  /// `POST /apisvc/v0/notification/callback`: ACTIVATION, PRODUCT_PURCHASE, PURCHASE_SUBSEQUENT.
  case callback
  /// `POST /apisvc/v0/notification`: USAGE_NOTIFICATION, RDN_IMEI_CHANGE, PORT_OUT, PORT_OUT_CONFIRMED.
  case notification
}
