/// A check that spans several fields of one call.
public enum Rule: Sendable, Hashable {
  /// Exactly one of these fields must be given.
  case exactlyOne([String])
  /// At least one of these fields must be given.
  case atLeastOne([String])
  /// Either all of these fields are given or none is (the five port-in fields).
  case allOrNone([String])
  /// `field` is required when `when` equals `value`.
  case requiredWhen(field: String, when: String, equals: JSONValue)
  /// When `when` equals `value`, `field` must be one of `allowed`.
  case oneOfWhen(field: String, allowed: [String], when: String, equals: JSONValue)

  /// Nil when the arguments satisfy the rule, otherwise (field, message).
  public func problem(in arguments: [String: JSONValue]) -> (field: String, message: String)? {
    func given(_ name: String) -> Bool {
      if let v = arguments[name], !v.isNull { return true }
      return false
    }
    switch self {
    case .exactlyOne(let names):
      let present = names.filter(given)
      if present.count == 1 { return nil }
      let list = names.map { "'\($0)'" }.joined(separator: " or ")
      return present.isEmpty
        ? (names[0], "needs one of \(list)")
        : (present[1], "takes only one of \(list), got both")
    case .atLeastOne(let names):
      if names.contains(where: given) { return nil }
      return (names[0], "needs at least one of " + names.map { "'\($0)'" }.joined(separator: " or "))
    case .allOrNone(let names):
      let present = names.filter(given)
      guard !present.isEmpty, present.count < names.count else { return nil }
      let missing = names.first { !given($0) }!
      return (missing, "is required with '\(present[0])': give all of \(names.joined(separator: ", ")) or none")
    case .requiredWhen(let field, let when, let value):
      guard arguments[when] == value, !given(field) else { return nil }
      return (field, "is required when '\(when)' is \(value.jsonText())")
    case .oneOfWhen(let field, let allowed, let when, let value):
      guard arguments[when] == value, let actual = arguments[field]?.stringValue,
        !allowed.contains(actual)
      else { return nil }
      return (
        field,
        "must be one of \(allowed.joined(separator: "|")) when '\(when)' is \(value.jsonText())"
      )
    }
  }

  /// A sentence for the generated reference.
  public var summary: String {
    switch self {
    case .exactlyOne(let names):
      return "exactly one of " + names.map { "`\($0)`" }.joined(separator: ", ")
    case .atLeastOne(let names):
      return "at least one of " + names.map { "`\($0)`" }.joined(separator: ", ")
    case .allOrNone(let names):
      return "all or none of " + names.map { "`\($0)`" }.joined(separator: ", ")
    case .requiredWhen(let field, let when, let value):
      return "`\(field)` is required when `\(when)` is `\(value.jsonText())`"
    case .oneOfWhen(let field, let allowed, let when, let value):
      return "`\(field)` is one of \(allowed.joined(separator: "|")) when `\(when)` is `\(value.jsonText())`"
    }
  }
}
