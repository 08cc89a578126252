public import ReachCatalogue
public import ReachClient

/// What the runner needs from the client: one call and its final answer, and the redaction of
/// anything from an answer that goes into events and messages.
public protocol EndpointCaller: Sendable {
  func answer(_ endpointID: String, _ arguments: [String: JSONValue]) async throws(ReachClientError) -> EndpointAnswer
  func redacted(_ value: JSONValue) -> JSONValue
}

/// A call's final answer, after the client's retries.
public struct EndpointAnswer: Sendable, Hashable {
  public var status: Int
  public var body: JSONValue
  public var attempts: Int

  public init(status: Int, body: JSONValue, attempts: Int = 1) {
    self.status = status
    self.body = body
    self.attempts = attempts
  }
}

extension ReachClient: EndpointCaller {
  public func answer(_ endpointID: String, _ arguments: [String: JSONValue]) async throws(ReachClientError)
    -> EndpointAnswer
  {
    let response = try await send(endpointID, arguments)
    return EndpointAnswer(status: response.status, body: response.body, attempts: response.attempts)
  }

  public func redacted(_ value: JSONValue) -> JSONValue { redactor.redact(value) }
}
