/// Where a field travels in the HTTP request.
public enum FieldLocation: String, Sendable, Hashable, CaseIterable {
  case path, query, body, header
}

/// One named argument of an endpoint.
public struct Field: Sendable, Hashable {
  public var name: String
  public var location: FieldLocation
  public var type: FieldType
  public var required: Bool
  public var validator: Validator?
  public var summary: String
  /// Secrets and PII (PINs, carrier account numbers, card data, keys): redacted everywhere.
  public var sensitive: Bool
  /// A value the endpoint always sends (`bypass-token: true`, `default=true`); callers need not give it.
  public var constant: JSONValue?
  /// Where the field's name comes from: the guide, or this project's design (the default).
  public var provenance: Provenance
  /// Where each value of its `oneOf` validator, or its constant, comes from; a value not given
  /// here is this project's.
  public var valueProvenance: [String: Provenance]

  public init(
    _ name: String, in location: FieldLocation, _ type: FieldType = .string, required: Bool = false,
    _ validator: Validator? = nil, sensitive: Bool = false, constant: JSONValue? = nil,
    _ summary: String
  ) {
    self.name = name
    self.location = location
    self.type = type
    self.required = required
    self.validator = validator
    self.summary = summary
    self.sensitive = sensitive
    self.constant = constant
    self.provenance = .unnamedField
    self.valueProvenance = [:]
  }

  public static func path(_ name: String, _ validator: Validator? = nil, _ summary: String) -> Field {
    Field(name, in: .path, .string, required: true, validator, summary)
  }

  public static func query(
    _ name: String, _ type: FieldType = .string, required: Bool = true, _ validator: Validator?,
    _ summary: String
  ) -> Field {
    Field(name, in: .query, type, required: required, validator, summary)
  }

  /// A body field of any type.
  public static func body(
    _ name: String, _ type: FieldType, required: Bool = false, sensitive: Bool = false, _ summary: String
  ) -> Field {
    Field(name, in: .body, type, required: required, nil, sensitive: sensitive, summary)
  }

  /// A body field of any type checked by `validator`.
  public static func body(
    _ name: String, _ type: FieldType, required: Bool = false, _ validator: Validator,
    sensitive: Bool = false, _ summary: String
  ) -> Field {
    Field(name, in: .body, type, required: required, validator, sensitive: sensitive, summary)
  }

  /// A string body field checked by `validator`.
  public static func body(
    _ name: String, required: Bool = false, _ validator: Validator, sensitive: Bool = false,
    _ summary: String
  ) -> Field {
    Field(name, in: .body, .string, required: required, validator, sensitive: sensitive, summary)
  }

  /// A plain string body field.
  public static func body(
    _ name: String, required: Bool = false, sensitive: Bool = false, _ summary: String
  ) -> Field {
    Field(name, in: .body, .string, required: required, nil, sensitive: sensitive, summary)
  }

  /// The same field, required.
  public var isRequired: Field {
    var copy = self
    copy.required = true
    return copy
  }

  /// The same field, optional.
  public var isOptional: Field {
    var copy = self
    copy.required = false
    return copy
  }

  /// The same field, its name credited to `provenance`.
  public func from(_ provenance: Provenance) -> Field {
    var copy = self
    copy.provenance = provenance
    return copy
  }

  /// The same field, every value of its enum (or its constant) credited to `provenance`.
  public func values(from provenance: Provenance) -> Field {
    var copy = self
    for value in enumValues { copy.valueProvenance[value.text] = provenance }
    return copy
  }

  /// The same field, the values named credited to `provenance`.
  public func values(_ values: [String], from provenance: Provenance) -> Field {
    var copy = self
    for value in values { copy.valueProvenance[value] = provenance }
    return copy
  }

  /// The values the field takes, each with where it comes from: those of its `oneOf` validator,
  /// or its constant; empty for any other field.
  public var enumValues: [EnumValue] {
    let values: [JSONValue]
    if let constant {
      values = [constant]
    } else if case .oneOf(let names) = validator {
      values = names.map(JSONValue.string)
    } else {
      return []
    }
    return values.map { value in
      EnumValue(value, valueProvenance[value.stringValue ?? value.jsonText()] ?? .unlistedValue)
    }
  }

  /// Whether the field's list of values is (partly) this project's: a value outside it may still
  /// be one the platform accepts, so the validator warns instead of refusing.
  public var hasAssumedValues: Bool {
    enumValues.contains { $0.provenance.isAssumption }
  }
}

/// A field of a response body, documented once here; the sandbox produces exactly these.
public struct ResponseField: Sendable, Hashable {
  /// Dotted path into the body: `link.url`, `cards[].uuid`.
  public var path: String
  public var type: FieldType
  public var summary: String
  public var sensitive: Bool
  /// Where the field's name comes from: the guide, or this project's design (the default).
  public var provenance: Provenance
  /// The values it takes, when they are a fixed set, each with where it comes from.
  public var values: [EnumValue]
  /// Whether an answer may leave it out (it is there only in some states, e.g. a payment link
  /// while payment is pending). A field not optional that is missing is contract drift.
  public var isOptional = false

  public init(_ path: String, _ summary: String) {
    self.init(path, .string, summary)
  }

  public init(_ path: String, _ type: FieldType = .string, sensitive: Bool = false, _ summary: String) {
    self.path = path
    self.type = type
    self.summary = summary
    self.sensitive = sensitive
    self.provenance = .unnamedResponseField
    self.values = []
  }

  /// The same field, its name credited to `provenance`.
  public func from(_ provenance: Provenance) -> ResponseField {
    var copy = self
    copy.provenance = provenance
    return copy
  }

  /// The same field, taking these values.
  public func values(_ values: [EnumValue]) -> ResponseField {
    var copy = self
    copy.values = values
    return copy
  }

  /// The same field, taking these values, all credited to `provenance`.
  public func values(_ values: [String], from provenance: Provenance) -> ResponseField {
    self.values(values.map { EnumValue(.string($0), provenance) })
  }

  /// The same field, which an answer may leave out (its summary says when it is there).
  public func optional() -> ResponseField {
    var copy = self
    copy.isOptional = true
    return copy
  }

  /// The same field under `prefix` (`cards[].`), keeping what it is.
  public func nested(under prefix: String) -> ResponseField {
    var copy = self
    copy.path = prefix + path
    return copy
  }
}
