import ReachCatalogue
import ReachEndpoints

/// Matches a method and a path against the catalogue's path templates: one generic router
/// for every endpoint, so adding an endpoint to the catalogue adds its route.
struct RouteTable: Sendable {
  struct Route: Sendable {
    var id: EndpointID
    /// Each path segment: a literal, or nil for a `{parameter}`.
    var segments: [String?]
    var names: [String]

    var endpoint: Endpoint { id.endpoint }
  }

  /// The endpoint chosen for a request and its path parameters.
  struct Match: Sendable {
    var id: EndpointID
    var pathParameters: [String: String]

    /// The catalogue's entry and the plugin, by the id's position: no lookup by name.
    var endpoint: Endpoint { id.endpoint }
    var plugin: any EndpointPlugin { EndpointRegistry.plugin(id) }
  }

  private let routes: [Route]
  /// The routes of each method and segment count, in catalogue order: a request looks at these only.
  private let byShape: [String: [Route]]
  /// Per method, the candidates of each path without parameters (`/apisvc/v0/customerinfo`),
  /// worked out once by the general matching below: most requests need one dictionary lookup.
  private let literal: [String: [String: [Match]]]

  init() {
    routes = EndpointID.allCases.map { id in
      let endpoint = id.endpoint
      let segments = endpoint.path.split(separator: "/").map { part -> String? in
        part.hasPrefix("{") && part.hasSuffix("}") ? nil : String(part)
      }
      return Route(id: id, segments: segments, names: endpoint.pathParameterNames)
    }
    let byShape = Dictionary(grouping: routes) { RouteTable.shape($0.endpoint.method.rawValue, $0.segments.count) }
    var literal: [String: [String: [Match]]] = [:]
    for route in routes where !route.segments.contains(nil) {
      let method = route.endpoint.method.rawValue
      let path = "/" + route.segments.compactMap { $0 }.joined(separator: "/")
      literal[method, default: [:]][path] = RouteTable.candidates(
        among: byShape[RouteTable.shape(method, route.segments.count)] ?? [], parts: RouteTable.split(path))
    }
    self.byShape = byShape
    self.literal = literal
  }

  private static func shape(_ method: String, _ count: Int) -> String { "\(method) \(count)" }

  /// The methods of the endpoints at this path, in order (none: no endpoint lives there).
  func methods(at path: String) -> [String] {
    let parts = RouteTable.split(path)
    let methods = routes.filter { RouteTable.parameters(of: $0, in: parts) != nil }.map(\.endpoint.method.rawValue)
    return Set(methods).sorted()
  }

  /// The endpoint for `method` and `path`. When two endpoints share both (`PUT /account/card`:
  /// `card.setDefault` by query, `card.update` by body), the one whose required query fields are
  /// all present wins; otherwise the one that takes no query.
  /// `queryNames` is worked out only when two endpoints share the method and path.
  func match(method: String, path: String, queryNames: @autoclosure () -> Set<String>) -> Match? {
    let candidates: [Match]
    if let known = literal[method]?[path] {
      candidates = known
    } else {
      let parts = RouteTable.split(path)
      candidates = RouteTable.candidates(among: byShape[RouteTable.shape(method, parts.count)] ?? [], parts: parts)
    }
    guard candidates.count > 1 else { return candidates.first }
    let queryNames = queryNames()
    func queryFields(_ m: Match) -> [Field] { m.endpoint.fields(in: .query).filter { $0.constant == nil } }
    if let byQuery = candidates.first(where: { m in
      let fields = queryFields(m)
      return !fields.isEmpty && fields.allSatisfy { !$0.required || queryNames.contains($0.name) }
    }) {
      return byQuery
    }
    return candidates.first { queryFields($0).isEmpty } ?? candidates.first
  }

  /// The routes among `routes` that `parts` matches, in their order.
  private static func candidates(among routes: [Route], parts: [String]) -> [Match] {
    routes.compactMap { route in
      RouteTable.parameters(of: route, in: parts).map {
        Match(id: route.id, pathParameters: $0)
      }
    }
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
