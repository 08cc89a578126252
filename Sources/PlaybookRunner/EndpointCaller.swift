public import ReachCatalogue
public import ReachClient

/// What the runner needs from the client: one call and its final answer, and the redaction of
/// anything from an answer that goes into events and messages.
public protocol EndpointCaller: Sendable {
  func send(_ endpointID: String, _ arguments: [String: JSONValue]) async throws(ReachClientError) -> ReachResponse
  func redacted(_ value: JSONValue) -> JSONValue
}

extension ReachClient: EndpointCaller {
  public func redacted(_ value: JSONValue) -> JSONValue { redactor.redact(value) }
}
