import Foundation
public import ReachCatalogue

/// `name=value` and `name:=json` arguments of `reach call`, typed by the endpoint's fields.
public enum CallArguments {
  public struct Problem: Error, CustomStringConvertible {
    public var description: String
  }

  public static func parse(_ items: [String], body: String?, for endpoint: Endpoint) throws(Problem) -> [String:
    JSONValue]
  {
    var arguments: [String: JSONValue] = [:]
    if let body {
      let text: String
      if body.hasPrefix("@") {
        let path = String(body.dropFirst())
        guard let data = FileManager.default.contents(atPath: path) else {
          throw Problem(description: "--body: cannot read '\(path)'")
        }
        text = String(decoding: data, as: UTF8.self)
      } else {
        text = body
      }
      guard case .object(let object)? = decodeJSON(text) else {
        throw Problem(description: "--body must be a JSON object (or @file holding one)")
      }
      arguments = object
    }
    for item in items {
      if let range = item.range(of: ":=") {
        let name = String(item[..<range.lowerBound])
        guard let value = decodeJSON(String(item[range.upperBound...])) else {
          throw Problem(description: "'\(name):=' needs JSON after ':='")
        }
        arguments[name] = value
      } else if let eq = item.firstIndex(of: "=") {
        let name = String(item[..<eq])
        guard !name.isEmpty else { throw Problem(description: "'\(item)': expected name=value") }
        arguments[name] = try typed(
          String(item[item.index(after: eq)...]), for: endpoint.field(named: name), name: name)
      } else {
        throw Problem(description: "'\(item)': expected name=value or name:=json")
      }
    }
    return arguments
  }

  static func typed(_ text: String, for field: Field?, name: String) throws(Problem) -> JSONValue {
    guard let field else { return .string(text) }
    switch field.type {
    case .string: return .string(text)
    case .integer:
      guard let i = Int(text) else { throw Problem(description: "'\(name)' must be a whole number") }
      return .int(i)
    case .number:
      guard let d = Double(text) else { throw Problem(description: "'\(name)' must be a number") }
      return Int(exactly: d).map(JSONValue.int) ?? .double(d)
    case .boolean:
      switch text.lowercased() {
      case "true", "yes", "1": return true
      case "false", "no", "0": return false
      default: throw Problem(description: "'\(name)' must be true or false")
      }
    case .list:
      if text.hasPrefix("["), let value = decodeJSON(text) { return value }
      return .array(text.split(separator: ",").map { .string(String($0)) })
    case .object:
      guard let value = decodeJSON(text), value.objectValue != nil else {
        throw Problem(description: "'\(name)' must be a JSON object")
      }
      return value
    }
  }

  static func decodeJSON(_ text: String) -> JSONValue? {
    try? JSONParser.parse(bytes: text.utf8)
  }
}
