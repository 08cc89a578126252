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
  public var responseBody: JSONValue?
  public var error: String?
  public var latency: Duration
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
