/// Where a status call takes an argument from: the original request or its response.
public enum ArgumentSource: Sendable, Hashable {
  case request(String)
  case response(String)

  public var summary: String {
    switch self {
    case .request(let name): return "request.\(name)"
    case .response(let path): return "response.\(path)"
    }
  }
}

/// How an asynchronous endpoint is closed: which endpoint reports its status, how to call it,
/// which field holds the status and which of its values end the wait.
public struct AsyncSpec: Sendable, Hashable {
  public var statusEndpoint: String
  public var statusArguments: [String: ArgumentSource]
  /// The dotted path of the status in the status endpoint's response.
  public var statusField: String
  public var success: [JSONValue]
  public var failure: [JSONValue]
  /// Only some calls are asynchronous (an immediate upgrade returns `txnId`, a scheduled
  /// change does not): the relation holds only when every response-sourced argument is present.
  public var conditional: Bool

  public init(
    status statusEndpoint: String, arguments: [String: ArgumentSource], field: String = "status",
    success: [JSONValue], failure: [JSONValue], conditional: Bool = false
  ) {
    self.statusEndpoint = statusEndpoint
    self.statusArguments = arguments
    self.statusField = field
    self.success = success
    self.failure = failure
    self.conditional = conditional
  }

  /// Every value that ends polling.
  public var terminal: [JSONValue] { success + failure }
}
