public import ReachCatalogue

/// The typed arguments of one endpoint, generated from its catalogue entry (`Arguments` in each
/// plugin): a Swift property per field the caller gives, optional where the field is.
///
/// Named values are decoded into them once, after `ArgumentValidation` has passed them; the
/// sandbox's handlers take them so, and Swift callers write them instead of a dictionary.
public protocol EndpointArguments: Sendable, Hashable {
  /// Decodes named values that passed validation. Throws naming the first field that is missing
  /// or has a value of another type (validation refuses those first, with every problem).
  init(named values: [String: JSONValue]) throws(ArgumentIssues)

  /// The arguments by field name, as `EndpointPlugin.validate` takes them.
  var named: [String: JSONValue] { get }
}

/// A Swift type a field's value decodes to: `String`, `Int`, `Double`, `Bool`, lists of them,
/// and `[String: JSONValue]` for an object.
public protocol ArgumentValue: Sendable {
  /// The value of a JSON argument, or nil when it has another type. Takes what
  /// `FieldType.accepts` takes: a whole number for a string (an unquoted id in YAML), an
  /// integer for a number, a whole double for an integer.
  init?(argument: JSONValue)

  /// The value as JSON.
  var argumentJSON: JSONValue { get }

  /// The field type's name in messages, as `FieldType.name` spells it.
  static var typeName: String { get }
}

extension String: ArgumentValue {
  public init?(argument: JSONValue) {
    switch argument {
    case .string(let text): self = text
    case .int(let number): self = String(number)
    default: return nil
    }
  }

  public var argumentJSON: JSONValue { .string(self) }

  public static var typeName: String { "string" }
}

extension Int: ArgumentValue {
  public init?(argument: JSONValue) {
    switch argument {
    case .int(let number): self = number
    case .double(let number):
      guard let whole = Int(exactly: number) else { return nil }
      self = whole
    default: return nil
    }
  }

  public var argumentJSON: JSONValue { .int(self) }

  public static var typeName: String { "integer" }
}

extension Double: ArgumentValue {
  public init?(argument: JSONValue) {
    switch argument {
    case .double(let number): self = number
    case .int(let number): self = Double(number)
    default: return nil
    }
  }

  public var argumentJSON: JSONValue { .double(self) }

  public static var typeName: String { "number" }
}

extension Bool: ArgumentValue {
  public init?(argument: JSONValue) {
    guard case .bool(let value) = argument else { return nil }
    self = value
  }

  public var argumentJSON: JSONValue { .bool(self) }

  public static var typeName: String { "boolean" }
}

extension Array: ArgumentValue where Element: ArgumentValue {
  public init?(argument: JSONValue) {
    guard case .array(let items) = argument else { return nil }
    var values: [Element] = []
    values.reserveCapacity(items.count)
    for item in items {
      guard let value = Element(argument: item) else { return nil }
      values.append(value)
    }
    self = values
  }

  public var argumentJSON: JSONValue { .array(map(\.argumentJSON)) }

  public static var typeName: String { "list<\(Element.typeName)>" }
}

extension Dictionary: ArgumentValue where Key == String, Value == JSONValue {
  public init?(argument: JSONValue) {
    guard case .object(let members) = argument else { return nil }
    self = members
  }

  public var argumentJSON: JSONValue { .object(self) }

  public static var typeName: String { "object" }
}

extension ArgumentValue {
  /// The value as it goes in a path, a query or a header (`JSONValue.parameterText`).
  public var argumentText: String { argumentJSON.parameterText }
}

/// Reads named values for a generated `init(named:)`: a null counts as not given.
public struct ArgumentReader: Sendable {
  let values: [String: JSONValue]
  let endpointID: String

  public init(_ values: [String: JSONValue], endpointID: String) {
    self.values = values
    self.endpointID = endpointID
  }

  /// The value of a required field.
  public func required<Value: ArgumentValue>(_ name: String) throws(ArgumentIssues) -> Value {
    guard let value: Value = try optional(name) else {
      throw ArgumentIssues(endpointID: endpointID, issues: [ArgumentIssue(field: name, message: "is required")])
    }
    return value
  }

  /// The value of an optional field, nil when it is not given or null.
  public func optional<Value: ArgumentValue>(_ name: String) throws(ArgumentIssues) -> Value? {
    guard let value = values[name], !value.isNull else { return nil }
    guard let typed = Value(argument: value) else {
      throw ArgumentIssues(
        endpointID: endpointID,
        issues: [ArgumentIssue(field: name, message: "must be a \(Value.typeName), got a \(value.typeName)")])
    }
    return typed
  }
}
