import Foundation
import ReachCatalogue
import ReachEndpoints

/// Turns the parts of an HTTP request into the named arguments that endpoint plugins validate:
/// path and query strings become the field's type where they spell one (`"2"` for an integer,
/// `"true"` for a boolean), the JSON body's members are taken as they are, with their JSON type
/// checked: a string field takes a JSON string only (a client's `12345` for a ZIP is a 400 naming
/// the field, as a strict JSON server answers; the catalogue's types are our design, since the
/// guide's captures lost every body).
///
/// The path identifies the resource: a query or body member that names a path parameter with
/// another value (`PUT …/update/fields/SUB0000007` with `"customerId": "SUB0000006"`) is a 400,
/// never a change to the other resource. The same value again is accepted. (Our rule: the guide
/// says nothing about it.)
enum RequestArguments {
  static func collect(
    endpoint: Endpoint, path: [String: String], query: [(String, String)], headers: [String: String],
    body: JSONValue?
  ) throws(SandboxError) -> [String: JSONValue] {
    var arguments: [String: JSONValue] = [:]
    var issues: [ArgumentIssue] = []
    for (name, value) in path {
      arguments[name] = typed(PercentEncoding.decode(value), as: endpoint.field(named: name)?.type)
    }
    /// Whether `value` for `name` may be taken: not a second, different path identifier.
    func agreesWithPath(_ name: String, _ value: JSONValue, from place: String) -> Bool {
      guard path[name] != nil, let fromPath = arguments[name] else { return true }
      guard value == fromPath || value.stringValue == fromPath.stringValue else {
        issues.append(
          ArgumentIssue(
            field: name,
            message: "in the \(place) differs from the \(name) in the path, which names the resource: send one"))
        return false
      }
      return true
    }
    for (name, value) in query {
      let value = typed(value, as: endpoint.field(named: name)?.type)
      if agreesWithPath(name, value, from: "query") { arguments[name] = value }
    }
    for field in endpoint.fields where field.location == .header {
      if let value = headers[field.name.lowercased()] { arguments[field.name] = typed(value, as: field.type) }
    }
    switch body {
    case nil: break
    case .object(let members)?:
      for (name, value) in members.sorted(by: { $0.key < $1.key }) {
        guard agreesWithPath(name, value, from: "body") else { continue }
        if let field = endpoint.field(named: name), let problem = wireTypeProblem(value, of: field) {
          issues.append(ArgumentIssue(field: name, message: problem))
          continue
        }
        arguments[name] = value
      }
    case let other?:
      throw .badRequest([ArgumentIssue(field: "body", message: "must be a JSON object, got a \(other.typeName)")])
    }
    guard issues.isEmpty else { throw .badRequest(issues) }
    return arguments
  }

  /// Why a body member's JSON type is not its field's, or nil. A playbook may write a ZIP as a
  /// number (the client sends it as a string); on the wire a string field takes a string, and
  /// null only where the field may be left out.
  static func wireTypeProblem(_ value: JSONValue, of field: Field) -> String? {
    if value.isNull {
      return field.required && field.constant == nil ? "is required and must not be null" : nil
    }
    return field.type.acceptsOnTheWire(value) ? nil : "must be a \(wireName(field.type)), got a \(value.typeName)"
  }

  static func wireName(_ type: FieldType) -> String {
    switch type {
    case .string: return "JSON string"
    case .list(let element): return "list of \(wireName(element))s"
    default: return type.name
    }
  }

  /// The JSON value of a request body's bytes, or nil for a body of only JSON whitespace.
  static func parseBody(_ bytes: some Collection<UInt8>) throws(SandboxError) -> JSONValue? {
    guard bytes.contains(where: { !JSONParser.isSpace($0) }) else { return nil }
    do {
      return try JSONParser.parse(bytes: bytes)
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
