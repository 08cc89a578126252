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

/// How long asynchronous work takes, or how often to ask: a figure and where it comes from.
public struct Timing: Sendable, Hashable {
  public enum Kind: String, Sendable, Hashable {
    case pollEvery = "poll every"
    case completesIn = "completes in"
  }

  public var kind: Kind
  /// The figure as a person reads it: `5 s`, `2–10 min`.
  public var text: String
  public var provenance: Provenance

  public init(_ kind: Kind, _ text: String, _ provenance: Provenance) {
    self.kind = kind
    self.text = text
    self.provenance = provenance
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
  /// Where it comes from that the call is asynchronous and closed by `statusEndpoint`.
  public var provenance: Provenance
  /// The values that end the wait (success, then failure), each with where it comes from.
  public var states: [EnumValue]
  /// How often to poll and how long the work takes, where anyone says.
  public var timings: [Timing]

  public init(
    status statusEndpoint: String, arguments: [String: ArgumentSource], field: String = "status",
    success: [EnumValue], failure: [EnumValue], conditional: Bool = false, provenance: Provenance,
    timings: [Timing] = []
  ) {
    self.statusEndpoint = statusEndpoint
    self.statusArguments = arguments
    self.statusField = field
    self.success = success.map(\.value)
    self.failure = failure.map(\.value)
    self.conditional = conditional
    self.provenance = provenance
    self.states = success + failure
    self.timings = timings
  }

  /// Every value that ends polling.
  public var terminal: [JSONValue] { success + failure }
}
