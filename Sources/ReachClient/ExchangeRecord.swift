public import ReachCatalogue

/// One attempt of one call, as the client records it: redacted before it exists.
public struct ExchangeRecord: Sendable {
  public var endpointID: String
  public var attempt: Int
  public var method: String
  public var url: String
  public var requestHeaders: [(String, String)]
  public var requestBody: JSONValue?
  public var status: Int?
  /// The status line's reason phrase, when the transport kept it.
  public var statusText: String?
  public var responseHeaders: [(String, String)]
  public var responseBody: JSONValue?
  /// The answer's body as it came, in bytes (before decoding and masking).
  public var responseSize: Int
  public var error: String?
  /// When the attempt started (after its rate-limit slot and its permit).
  public var started: ContinuousClock.Instant
  public var latency: Duration
  /// The phases of the exchange, when the transport measured them.
  public var timings: HTTPTimings?
}

/// A final answer to a call.
public struct ReachResponse: Sendable {
  public var endpointID: String
  public var status: Int
  public var headers: [(String, String)]
  /// The decoded JSON body; a non-JSON body is a string, an empty one null.
  public var body: JSONValue
  public var attempts: Int
  public var latency: Duration

  public var isSuccess: Bool { (200..<300).contains(status) }
}
