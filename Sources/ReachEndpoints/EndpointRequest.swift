public import ReachCatalogue

/// An HTTP request as an endpoint plugin builds it, before auth headers and the base URL.
public struct EndpointRequest: Sendable, Hashable {
  public var endpointID: String
  public var method: HTTPMethod
  /// The path with its parameters filled in and percent-encoded.
  public var path: String
  public var query: [QueryItem]
  public var headers: [Header]
  public var body: JSONValue?

  public init(
    endpointID: String, method: HTTPMethod, path: String, query: [QueryItem] = [], headers: [Header] = [],
    body: JSONValue? = nil
  ) {
    self.endpointID = endpointID
    self.method = method
    self.path = path
    self.query = query
    self.headers = headers
    self.body = body
  }

  public struct QueryItem: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
      self.name = name
      self.value = value
    }
  }

  public struct Header: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
      self.name = name
      self.value = value
    }
  }

  /// `path?query`, percent-encoded, ready to append to a base URL.
  public var pathAndQuery: String {
    guard !query.isEmpty else { return path }
    return path + "?"
      + query.map { PercentEncoding.encode($0.name) + "=" + PercentEncoding.encode($0.value) }
      .joined(separator: "&")
  }

  /// Places each named value where the catalogue says it goes, as the generated `request(_:)` of
  /// each plugin places its typed arguments: this one is for a request whose values are not all
  /// of their field's type (what a dry run or a record shows, with tokens for secrets and for
  /// values known later). Arguments must have been validated.
  public static func build(_ endpoint: Endpoint, arguments: [String: JSONValue]) -> EndpointRequest {
    func value(_ field: Field) -> JSONValue? {
      if let constant = field.constant { return constant }
      guard let v = arguments[field.name], !v.isNull else { return nil }
      // Whole numbers given for string fields (an unquoted ICCID in YAML) travel as strings.
      if field.type == .string, case .int(let i) = v { return .string(String(i)) }
      return v
    }
    var path = endpoint.path
    for field in endpoint.fields(in: .path) {
      if let v = value(field) {
        path = path.replacing("{\(field.name)}", with: PercentEncoding.encode(v.parameterText))
      }
    }
    let query = endpoint.fields(in: .query).compactMap { f in
      value(f).map { QueryItem(name: f.name, value: $0.parameterText) }
    }
    let headers = endpoint.fields(in: .header).compactMap { f in
      value(f).map { Header(name: f.name, value: $0.parameterText) }
    }
    let bodyFields = endpoint.fields(in: .body)
    var body: JSONValue? = nil
    if !bodyFields.isEmpty {
      var object: [String: JSONValue] = [:]
      for field in bodyFields { object[field.name] = value(field) }
      body = .object(object)
    }
    return EndpointRequest(
      endpointID: endpoint.id, method: endpoint.method, path: path, query: query, headers: headers, body: body)
  }
}
