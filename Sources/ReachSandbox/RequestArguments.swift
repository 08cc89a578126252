import Foundation
import ReachCatalogue
import ReachEndpoints

/// Turns the parts of an HTTP request into the named arguments that endpoint plugins validate:
/// path and query strings become the field's type where they spell one (`"2"` for an integer,
/// `"true"` for a boolean), the JSON body's members are taken as they are.
enum RequestArguments {
  static func collect(
    endpoint: Endpoint, path: [String: String], query: [(String, String)], headers: [String: String],
    body: JSONValue?
  ) throws(SandboxError) -> [String: JSONValue] {
    var arguments: [String: JSONValue] = [:]
    for (name, value) in path {
      arguments[name] = typed(PercentEncoding.decode(value), as: endpoint.field(named: name)?.type)
    }
    for (name, value) in query {
      arguments[name] = typed(value, as: endpoint.field(named: name)?.type)
    }
    for field in endpoint.fields where field.location == .header {
      if let value = headers[field.name.lowercased()] { arguments[field.name] = typed(value, as: field.type) }
    }
    switch body {
    case nil, .null?: break
    case .object(let members)?:
      for (name, value) in members { arguments[name] = value }
    case let other?:
      throw .badRequest([ArgumentIssue(field: "body", message: "must be a JSON object, got a \(other.typeName)")])
    }
    return arguments
  }

  /// The JSON value of a request body's bytes, or nil for a body of only JSON whitespace.
  static func parseBody(_ bytes: some Collection<UInt8>) throws(SandboxError) -> JSONValue? {
    guard bytes.contains(where: { !JSONParser.isSpace($0) }) else { return nil }
    do {
      return try JSONParser.parse(bytes: Array(bytes))
    } catch {
      throw .badRequest([ArgumentIssue(field: "body", message: "is not valid JSON")])
    }
  }

  static func typed(_ text: String, as type: FieldType?) -> JSONValue {
    switch type {
    case .integer?: return Int(text).map(JSONValue.int) ?? .string(text)
    case .number?: return Double(text).map(JSONValue.double) ?? .string(text)
    case .boolean?:
      switch text.lowercased() {
      case "true": return .bool(true)
      case "false": return .bool(false)
      default: return .string(text)
      }
    default: return .string(text)
    }
  }
}
