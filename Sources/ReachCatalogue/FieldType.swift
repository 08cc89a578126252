/// The type of an endpoint field, as it travels in JSON.
public indirect enum FieldType: Sendable, Hashable {
  case string
  case integer
  case number
  case boolean
  case list(FieldType)
  case object

  /// The name used in tables, JSON listings and messages: `string`, `list<string>`, …
  public var name: String {
    switch self {
    case .string: return "string"
    case .integer: return "integer"
    case .number: return "number"
    case .boolean: return "boolean"
    case .list(let element): return "list<\(element.name)>"
    case .object: return "object"
    }
  }

  /// The JSON Schema type keyword for this type.
  public var jsonSchemaType: String {
    switch self {
    case .string: return "string"
    case .integer: return "integer"
    case .number: return "number"
    case .boolean: return "boolean"
    case .list: return "array"
    case .object: return "object"
    }
  }

  /// Whether `value` has this type. Whole numbers are accepted for strings (ids written
  /// without quotes in YAML), and integers for numbers.
  public func accepts(_ value: JSONValue) -> Bool {
    switch (self, value) {
    case (.string, .string), (.string, .int): return true
    case (.integer, .int): return true
    case (.integer, .double(let d)): return Int(exactly: d) != nil
    case (.number, .int), (.number, .double): return true
    case (.boolean, .bool): return true
    case (.list(let element), .array(let items)): return items.allSatisfy(element.accepts)
    case (.object, .object): return true
    default: return false
    }
  }
}
