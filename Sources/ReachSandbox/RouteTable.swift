import ReachCatalogue

/// Matches a method and a path against the catalogue's path templates: one generic router
/// for every endpoint, so adding an endpoint to the catalogue adds its route.
struct RouteTable: Sendable {
  struct Route: Sendable {
    var endpoint: Endpoint
    /// Each path segment: a literal, or nil for a `{parameter}`.
    var segments: [String?]
    var names: [String]
  }

  /// The endpoint chosen for a request and its path parameters.
  struct Match: Sendable {
    var endpoint: Endpoint
    var pathParameters: [String: String]
  }

  private let routes: [Route]
  /// The routes of each method and segment count, in catalogue order: a request looks at these only.
  private let byShape: [String: [Route]]

  init(_ endpoints: [Endpoint] = Catalogue.endpoints) {
    routes = endpoints.map { endpoint in
      let segments = endpoint.path.split(separator: "/").map { part -> String? in
        part.hasPrefix("{") && part.hasSuffix("}") ? nil : String(part)
      }
      return Route(endpoint: endpoint, segments: segments, names: endpoint.pathParameterNames)
    }
    byShape = Dictionary(grouping: routes) { RouteTable.shape($0.endpoint.method.rawValue, $0.segments.count) }
  }

  private static func shape(_ method: String, _ count: Int) -> String { "\(method) \(count)" }

  /// Whether any endpoint lives at this path, whatever its method.
  func knowsPath(_ path: String) -> Bool {
    let parts = RouteTable.split(path)
    return routes.contains { RouteTable.parameters(of: $0, in: parts) != nil }
  }

  /// The endpoint for `method` and `path`. When two endpoints share both (`PUT /account/card`:
  /// `card.setDefault` by query, `card.update` by body), the one whose required query fields are
  /// all present wins; otherwise the one that takes no query.
  func match(method: String, path: String, queryNames: Set<String>) -> Match? {
    let parts = RouteTable.split(path)
    var candidates: [Match] = []
    for route in byShape[RouteTable.shape(method, parts.count)] ?? [] {
      if let parameters = RouteTable.parameters(of: route, in: parts) {
        candidates.append(Match(endpoint: route.endpoint, pathParameters: parameters))
      }
    }
    guard candidates.count > 1 else { return candidates.first }
    func queryFields(_ m: Match) -> [Field] { m.endpoint.fields(in: .query).filter { $0.constant == nil } }
    if let byQuery = candidates.first(where: { m in
      let fields = queryFields(m)
      return !fields.isEmpty && fields.allSatisfy { !$0.required || queryNames.contains($0.name) }
    }) {
      return byQuery
    }
    return candidates.first { queryFields($0).isEmpty } ?? candidates.first
  }

  private static func split(_ path: String) -> [String] {
    path.split(separator: "/").map(String.init)
  }

  private static func parameters(of route: Route, in parts: [String]) -> [String: String]? {
    guard route.segments.count == parts.count else { return nil }
    var values: [String: String] = [:]
    var nameIndex = 0
    for (segment, part) in zip(route.segments, parts) {
      if let literal = segment {
        guard literal == part else { return nil }
      } else {
        guard !part.isEmpty, nameIndex < route.names.count else { return nil }
        values[route.names[nameIndex]] = part
        nameIndex += 1
      }
    }
    return values
  }
}
