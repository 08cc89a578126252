/// One endpoint of section 6 of the guide, as plain data. Its id is this project's; its method,
/// path and summary are the line section 6 prints for it (`provenance`).
public struct Endpoint: Sendable, Hashable, Identifiable {
  /// A stable dotted id: `product.quote`, `activation.submit`, `subscriber.suspend`.
  public var id: String
  public var method: HTTPMethod
  /// The path template without query: `/apisvc/v0/device/imei/{imei}`.
  public var path: String
  public var summary: String
  public var scenarios: [Scenario]
  public var fields: [Field]
  public var rules: [Rule]
  public var response: [ResponseField] {
    didSet { responseTree = ResponseTree(response) }
  }
  /// `response` as a tree, built when it is set: the drift check reads it on every answer.
  public private(set) var responseTree: ResponseTree
  public var async: AsyncSpec?
  /// Whether the call changes state on the platform (journaled as intent → sent → confirmed).
  public var changesState: Bool
  /// Whether resending after an unknown outcome (504, lost connection) cannot repeat an effect.
  public var retrySafe: Bool
  /// The status code of success: 202 where section 6 marks the call `[ASYNC]` (section 5: 202
  /// "Async request accepted"), 200 otherwise (section 5: "Request succeeded"), including work
  /// this project follows by a status call though the guide does not mark it asynchronous (MDN
  /// and SIM swaps, a port-in update).
  public var successStatus: Int
  /// Where the method, path and summary come from: section 6 of the guide, which lists them all.
  public var provenance: Provenance

  public init(
    _ id: String, _ method: HTTPMethod, _ path: String, _ summary: String,
    scenarios: [Scenario], fields: [Field] = [], rules: [Rule] = [], response: [ResponseField] = [],
    async: AsyncSpec? = nil, changesState: Bool? = nil, retrySafe: Bool? = nil
  ) {
    self.id = id
    self.method = method
    self.path = path
    self.summary = summary
    self.scenarios = scenarios
    let provenance = Provenance.guide("6", "\(method.rawValue) \(path)")
    self.provenance = provenance
    // A path parameter is named in the template section 6 prints.
    self.fields = fields.map { field in
      field.location == .path && field.provenance == .unnamedField ? field.from(provenance) : field
    }
    self.rules = rules
    self.response = response
    self.responseTree = ResponseTree(response)
    self.async = async
    let mutates = changesState ?? (method != .get)
    self.changesState = mutates
    self.retrySafe = retrySafe ?? !mutates
    self.successStatus = summary.hasSuffix(Self.asyncMark) ? 202 : 200
  }

  /// Every fact of the endpoint with where it comes from: the endpoint itself, its fields and
  /// their values, its response fields and theirs, and the asynchronous relation, its terminal
  /// states and timings.
  public var facts: [(fact: String, provenance: Provenance)] {
    var out: [(String, Provenance)] = [("endpoint `\(id)`", provenance)]
    func add(_ fact: String, _ provenance: Provenance, values: [EnumValue] = []) {
      out.append((fact, provenance))
      for value in values { out.append(("\(fact) value `\(value.text)`", value.provenance)) }
    }
    for field in fields { add("field `\(field.name)`", field.provenance, values: field.enumValues) }
    for field in response { add("response field `\(field.path)`", field.provenance, values: field.values) }
    if let spec = async {
      add("asynchronous, closed by `\(spec.statusEndpoint)`", spec.provenance)
      for state in spec.states { add("`\(spec.statusField)` \(state.text) ends the wait", state.provenance) }
      for timing in spec.timings { add("\(timing.kind.rawValue) \(timing.text)", timing.provenance) }
    }
    return out
  }

  /// The facts that are this project's, each with its reason: for `†` marks and lists of assumptions.
  public var assumptions: [(fact: String, reason: String)] {
    facts.compactMap { fact, provenance in
      if case .assumption(let reason) = provenance { return (fact, reason) }
      return nil
    }
  }

  public var isAsync: Bool { async != nil }

  /// How section 6 marks an asynchronous call at the end of its description.
  public static let asyncMark = "[ASYNC]"

  /// Whether section 6 marks the call `[ASYNC]`: success is then 202.
  public var markedAsync: Bool { summary.hasSuffix(Self.asyncMark) }

  public func field(named name: String) -> Field? {
    fields.first { $0.name == name }
  }

  public func fields(in location: FieldLocation) -> [Field] {
    fields.filter { $0.location == location }
  }

  /// The names in `{…}` of the path template, in order.
  public var pathParameterNames: [String] {
    var names: [String] = []
    var rest = Substring(path)
    while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
      names.append(String(rest[rest.index(after: open)..<close]))
      rest = rest[rest.index(after: close)...]
    }
    return names
  }

  /// `GET /apisvc/v0/customerinfo?customerId={customerId}`: the form section 6 prints.
  public var signature: String {
    let query = fields(in: .query).map { f in
      "\(f.name)=" + (f.constant.map { $0.stringValue ?? $0.jsonText() } ?? "{\(f.name)}")
    }
    return "\(method.rawValue) \(path)" + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
  }
}
