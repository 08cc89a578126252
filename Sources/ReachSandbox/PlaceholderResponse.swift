import ReachCatalogue

/// A plausible answer made of an endpoint's documented response fields, for endpoints the
/// sandbox does not simulate in depth yet: arguments echo back under their own names, the rest
/// get typed sample values, and every `[]` holds one element.
enum PlaceholderResponse {
  static func make(for endpoint: Endpoint, arguments: [String: JSONValue], id: String) -> JSONValue {
    var root: JSONValue = [:]
    for field in endpoint.response {
      let parts = field.path.split(separator: ".").map(String.init)
      insert(sample(field, of: endpoint, arguments: arguments, id: id), at: parts[...], into: &root)
    }
    return root
  }

  static func sample(
    _ field: ResponseField, of endpoint: Endpoint, arguments: [String: JSONValue], id: String
  ) -> JSONValue {
    let name = String((field.path.split(separator: ".").last ?? "").filter { $0 != "[" && $0 != "]" })
    if let argument = arguments[name], field.type.accepts(argument) { return argument }
    switch field.type {
    case .string:
      let lower = name.lowercased()
      if lower.hasSuffix("date") { return "2026-01-01" }
      if let state = terminalSuccess(of: endpoint, field: field) { return state }
      if lower == "status", let first = firstConstant(in: field.summary) { return .string(first) }
      if lower.hasSuffix("id") { return .string(id) }
      return .string("SANDBOX")
    case .integer: return 1
    case .number: return 0
    case .boolean: return true
    case .list: return []
    case .object: return [:]
    }
  }

  /// A status endpoint reports the first success state of the work it follows, so that a
  /// client polling it finishes.
  static func terminalSuccess(of endpoint: Endpoint, field: ResponseField) -> JSONValue? {
    for other in Catalogue.endpoints {
      if let spec = other.async, spec.statusEndpoint == endpoint.id, spec.statusField == field.path {
        return spec.success.first
      }
    }
    return nil
  }

  /// The first word in capitals of a summary (`"PENDING, SHIPPED or …"` gives `PENDING`).
  static func firstConstant(in summary: String) -> String? {
    let words = summary.split { !($0.isLetter || $0 == "_") }
    return words.first { $0.count > 1 && $0.allSatisfy { $0.isUppercase || $0 == "_" } }.map(String.init)
  }

  static func insert(_ value: JSONValue, at parts: ArraySlice<String>, into node: inout JSONValue) {
    guard let first = parts.first, case .object(var object) = node else { return }
    let isList = first.hasSuffix("[]")
    let key = isList ? String(first.dropLast(2)) : first
    let rest = parts.dropFirst()
    if rest.isEmpty {
      object[key] = isList ? .array([value]) : value
    } else if isList {
      var element = object[key]?.arrayValue?.first ?? [:]
      insert(value, at: rest, into: &element)
      object[key] = .array([element])
    } else {
      var child = object[key] ?? [:]
      insert(value, at: rest, into: &child)
      object[key] = child
    }
    node = .object(object)
  }
}
