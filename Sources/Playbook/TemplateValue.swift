public import ReachCatalogue

/// A YAML value from the playbook whose strings may hold expressions: call arguments, vars,
/// `set`, `extract`, outputs. Literal parts are JSON already; templates are evaluated at run time.
public struct TemplateValue: Sendable, Hashable {
  public indirect enum Kind: Sendable, Hashable {
    /// A scalar without expressions.
    case literal(JSONValue)
    case template(Template)
    case list([TemplateValue])
    case object([TemplateEntry])
  }

  public var kind: Kind
  public var location: SourceLocation

  public init(_ kind: Kind, at location: SourceLocation) {
    self.kind = kind
    self.location = location
  }

  /// The value when nothing in it is an expression.
  public var literal: JSONValue? {
    switch kind {
    case .literal(let value): return value
    case .template: return nil
    case .list(let items):
      var values: [JSONValue] = []
      for item in items {
        guard let value = item.literal else { return nil }
        values.append(value)
      }
      return .array(values)
    case .object(let entries):
      var object: [String: JSONValue] = [:]
      for entry in entries {
        guard let value = entry.value.literal else { return nil }
        object[entry.key] = value
      }
      return .object(object)
    }
  }

  /// Every expression inside, in document order.
  public var expressions: [Expression] {
    switch kind {
    case .literal: return []
    case .template(let template): return template.expressions
    case .list(let items): return items.flatMap(\.expressions)
    case .object(let entries): return entries.flatMap(\.value.expressions)
    }
  }

  public func evaluate(in environment: ExpressionEnvironment) throws(ExpressionError) -> JSONValue {
    switch kind {
    case .literal(let value): return value
    case .template(let template): return try template.evaluate(in: environment)
    case .list(let items):
      var values: [JSONValue] = []
      for item in items { values.append(try item.evaluate(in: environment)) }
      return .array(values)
    case .object(let entries):
      var object: [String: JSONValue] = [:]
      for entry in entries { object[entry.key] = try entry.value.evaluate(in: environment) }
      return .object(object)
    }
  }
}

/// One `key: value` of a mapping, in the order written, with where the key is.
public struct TemplateEntry: Sendable, Hashable {
  public var key: String
  public var keyLocation: SourceLocation
  public var value: TemplateValue

  public init(key: String, keyLocation: SourceLocation, value: TemplateValue) {
    self.key = key
    self.keyLocation = keyLocation
    self.value = value
  }
}
