/// The functions expressions may call. A closed set, checked when the playbook is parsed.
public enum ExpressionFunction: String, Sendable, Hashable, CaseIterable {
  /// `len(x)`: characters of a string, items of a list, members of an object.
  case len
  /// `contains(haystack, needle)`: substring of a string, item of a list, key of an object.
  case contains
  /// `startsWith(text, prefix)`.
  case startsWith
  /// `endsWith(text, suffix)`.
  case endsWith
  /// `default(value, fallback)`: `value` unless it is null.
  case `default`
  /// `now()`: the current time, ISO 8601, from the injected clock.
  case now
  /// `uuid()`: a fresh UUID from the injected generator.
  case uuid
  /// `string(x)`: the text form of any value.
  case string
  /// `number(x)`: a number from a number or numeric string.
  case number
  /// `find(list, key, value)`: the first object of `list` whose member `key` equals `value`, or
  /// null — the current plan in a plan list, the default card in a card list.
  case find

  /// How many arguments the function takes.
  public var arity: Int {
    switch self {
    case .now, .uuid: return 0
    case .len, .string, .number: return 1
    case .contains, .startsWith, .endsWith, .default: return 2
    case .find: return 3
    }
  }
}
