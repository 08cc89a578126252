public import ReachCatalogue

/// One endpoint as the runner calls it: checks named arguments against the catalogue, builds
/// the HTTP request, and knows how an asynchronous call is followed up.
///
/// A plugin is generated for every catalogue entry. Where data cannot express what an endpoint
/// needs, a hand-written extension of the generated type implements a requirement itself
/// (see `ActivationSubmitEndpoint+ESIM.swift`).
public protocol EndpointPlugin: Sendable {
  static var endpointID: EndpointID { get }
  static var id: String { get }
  var endpoint: Endpoint { get }

  /// The generated typed arguments: what named values decode to once they are validated.
  associatedtype Arguments: EndpointArguments

  /// Every problem with `arguments`; fields named in `unresolved` hold values known only when the
  /// run gets there (expressions), so they count as present but are not checked.
  func validate(_ arguments: [String: JSONValue], unresolved: Set<String>) -> [ArgumentIssue]

  /// The request for these arguments; throws with every error when they are not valid (warnings,
  /// values outside an assumed enum, do not stop it). Valid arguments are decoded once, into
  /// `Arguments`, and the request is built from them.
  func makeRequest(_ arguments: [String: JSONValue]) throws(ArgumentIssues) -> EndpointRequest

  /// The request typed arguments make (generated: each field where the catalogue puts it).
  static func request(_ arguments: Arguments) -> EndpointRequest

  /// For an asynchronous endpoint: the status call that follows `response`, or nil when there is
  /// none (not async, or a conditional relation that this response does not open).
  func statusCall(request: [String: JSONValue], response: JSONValue) -> StatusCall?
}

/// A call to a status endpoint, and what ends the wait.
public struct StatusCall: Sendable, Hashable {
  public var endpointID: String
  public var arguments: [String: JSONValue]
  public var statusField: String
  public var success: [JSONValue]
  public var failure: [JSONValue]
}

extension EndpointPlugin {
  public var id: String { Self.id }
  public var endpointID: EndpointID { Self.endpointID }

  public func validate(_ arguments: [String: JSONValue], unresolved: Set<String>) -> [ArgumentIssue] {
    ArgumentValidation.issues(for: endpoint, arguments: arguments, unresolved: unresolved)
  }

  public func makeRequest(_ arguments: [String: JSONValue]) throws(ArgumentIssues) -> EndpointRequest {
    let issues = validate(arguments, unresolved: []).refusing(strict: false)
    guard issues.isEmpty else { throw ArgumentIssues(endpointID: endpoint.id, issues: issues) }
    return Self.request(try Arguments(named: arguments))
  }

  public func statusCall(request: [String: JSONValue], response: JSONValue) -> StatusCall? {
    guard let spec = endpoint.async else { return nil }
    var arguments: [String: JSONValue] = [:]
    for (name, source) in spec.statusArguments {
      let value: JSONValue?
      switch source {
      case .request(let field): value = request[field]
      case .response(let path): value = response.value(atPath: path)
      }
      guard let value, !value.isNull else { return nil }
      arguments[name] = value
    }
    return StatusCall(
      endpointID: spec.statusEndpoint, arguments: arguments, statusField: spec.statusField,
      success: spec.success, failure: spec.failure)
  }
}
