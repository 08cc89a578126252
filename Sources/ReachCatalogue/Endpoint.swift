/// One endpoint of section 6 of the guide, as plain data.
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
  public var response: [ResponseField]
  public var async: AsyncSpec?
  /// Whether the call changes state on the platform (journaled as intent → sent → confirmed).
  public var changesState: Bool
  /// Whether resending after an unknown outcome (504, lost connection) cannot repeat an effect.
  public var retrySafe: Bool
  /// The status code of success: 202 for accepted asynchronous work, 200 otherwise.
  public var successStatus: Int

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
    self.fields = fields
    self.rules = rules
    self.response = response
    self.async = async
    let mutates = changesState ?? (method != .get)
    self.changesState = mutates
    self.retrySafe = retrySafe ?? !mutates
    self.successStatus = async != nil && !(async?.conditional ?? false) ? 202 : 200
  }

  public var isAsync: Bool { async != nil }

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
