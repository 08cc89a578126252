/// The endpoint catalogue: every endpoint of section 6 of the guide, in the guide's order.
/// Everything else (endpoint plugins, the sandbox, OpenAPI, the editor schema, the reference)
/// is derived from this list. Adding an endpoint means adding one entry here.
public enum Catalogue {
  public static let endpoints: [Endpoint] =
    setupEndpoints + productEndpoints + cardEndpoints + activationEndpoints
    + subscriberEndpoints + billingEndpoints + planAndCreditEndpoints + roamingEndpoints
    + simSwapEndpoints

  private static let byID: [String: Endpoint] = Dictionary(
    endpoints.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

  public static func endpoint(_ id: String) -> Endpoint? { byID[id] }

  /// The endpoint with this id; a missing id is a programming error in generated code.
  public static func require(_ id: String) -> Endpoint {
    guard let endpoint = byID[id] else { preconditionFailure("no endpoint '\(id)' in the catalogue") }
    return endpoint
  }

  public static var ids: [String] { endpoints.map(\.id) }

  /// Every field and response field name that holds a secret or PII.
  public static let sensitiveNames: Set<String> = {
    var names: Set<String> = []
    for endpoint in endpoints {
      for field in endpoint.fields where field.sensitive { names.insert(field.name) }
      for field in endpoint.response where field.sensitive {
        names.insert(String(field.path.split(separator: ".").last!.filter { $0 != "[" && $0 != "]" }))
      }
    }
    return names
  }()

  /// Ids ranked by closeness to `name`, for "did you mean" messages.
  public static func nearestIDs(to name: String, limit: Int = 3) -> [String] {
    Similarity.nearest(to: name, among: ids, limit: limit)
  }
}
