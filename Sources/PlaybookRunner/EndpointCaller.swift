public import ReachCatalogue
public import ReachClient
public import ReachEndpoints

/// What the runner needs from the client: one call and its final answer, and the redaction of
/// anything from an answer that goes into events and messages. The endpoint comes resolved
/// (`CallStep.endpointID`, when the playbook was read): no lookup by name on the way to the wire.
public protocol EndpointCaller: Sendable {
  func answer(_ endpointID: EndpointID, _ arguments: [String: JSONValue]) async throws(ReachClientError)
    -> EndpointAnswer
  /// The same, with at most `gate.limit` requests in flight: a caller that can holds the permit
  /// only while a request is on the wire (the default holds it for the whole call).
  func answer(_ endpointID: EndpointID, _ arguments: [String: JSONValue], gate: RequestGate?)
    async throws(ReachClientError) -> EndpointAnswer
  /// The same, where `secret` names the arguments given from a secret: what the caller records of
  /// the request shows them as `***`, whatever their length (the default ignores it).
  func answer(_ endpointID: EndpointID, _ arguments: [String: JSONValue], gate: RequestGate?, secret: Set<String>)
    async throws(ReachClientError) -> EndpointAnswer
  func redacted(_ value: JSONValue) -> JSONValue
  /// Plays the customer on a sandbox's hosted page: submits the form at `url` and returns the
  /// status and the redirect it answers with.
  func customer(_ action: String, url: String, card: String?) async throws(ReachClientError)
    -> (status: Int, location: String?)
  /// Where a bulk run's rows should run: the threads the caller's answers arrive on, so a row's
  /// call and its answer need no hop between threads. Empty: Swift's default executor.
  var taskExecutors: [any TaskExecutor] { get }
  /// The masker the caller registers the secrets it learns with (credentials, sensitive fields of
  /// requests and answers); the runner masks through the same one. Nil: the runner makes its own.
  var secretMasker: SecretMasker? { get }
}

extension EndpointCaller {
  public var taskExecutors: [any TaskExecutor] { [] }
  public var secretMasker: SecretMasker? { nil }

  public func answer(
    _ endpointID: EndpointID, _ arguments: [String: JSONValue], gate: RequestGate?, secret: Set<String>
  ) async throws(ReachClientError) -> EndpointAnswer {
    try await answer(endpointID, arguments, gate: gate)
  }

  public func answer(_ endpointID: EndpointID, _ arguments: [String: JSONValue], gate: RequestGate?)
    async throws(ReachClientError) -> EndpointAnswer
  {
    guard let gate else { return try await answer(endpointID, arguments) }
    guard await gate.enter() else { throw gate.refusal(endpointID.rawValue) }
    do {
      let answer = try await answer(endpointID, arguments)
      gate.leave(status: answer.status)
      return answer
    } catch {
      // As the client does: after five 429s in a row nothing more goes through the gate.
      gate.close(after: error)
      gate.leave(status: nil)
      throw error
    }
  }
}

/// A call's final answer, after the client's retries.
public struct EndpointAnswer: Sendable, Hashable {
  public var status: Int
  public var body: JSONValue
  public var attempts: Int
  /// How long the last attempt took to answer, in real time (nil when the caller cannot say).
  public var latency: Duration?

  public init(status: Int, body: JSONValue, attempts: Int = 1, latency: Duration? = nil) {
    self.status = status
    self.body = body
    self.attempts = attempts
    self.latency = latency
  }
}

extension ReachClient: EndpointCaller {
  public func answer(_ endpointID: EndpointID, _ arguments: [String: JSONValue]) async throws(ReachClientError)
    -> EndpointAnswer
  {
    try await answer(endpointID, arguments, gate: nil)
  }

  public func answer(_ endpointID: EndpointID, _ arguments: [String: JSONValue], gate: RequestGate?)
    async throws(ReachClientError) -> EndpointAnswer
  {
    try await answer(endpointID, arguments, gate: gate, secret: [])
  }

  public func answer(
    _ endpointID: EndpointID, _ arguments: [String: JSONValue], gate: RequestGate?, secret: Set<String>
  ) async throws(ReachClientError) -> EndpointAnswer {
    let response = try await send(EndpointRegistry.plugin(endpointID), arguments, gate: gate, secret: secret)
    return EndpointAnswer(
      status: response.status, body: response.body, attempts: response.attempts, latency: response.latency)
  }

  public func redacted(_ value: JSONValue) -> JSONValue { redactor.redact(value) }

  public var secretMasker: SecretMasker? { redactor.masker }

  public func customer(_ action: String, url: String, card: String?) async throws(ReachClientError)
    -> (status: Int, location: String?)
  {
    try await submitHostedForm(url: url, fields: card.map { [("cardNumber", $0)] } ?? [])
  }
}
