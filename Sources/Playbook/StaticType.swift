public import ReachCatalogue

/// What an expression can give, as far as the validator knows before the run: the JSON kinds its
/// value may have, and where that is known from. `unknown` (every kind) when nothing is known.
public struct StaticType: Sendable, Hashable, CustomStringConvertible {
  /// A set of JSON kinds. Integers and fractional numbers are told apart, as evaluation does.
  public struct Kinds: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let null = Kinds(rawValue: 1 << 0)
    public static let boolean = Kinds(rawValue: 1 << 1)
    public static let integer = Kinds(rawValue: 1 << 2)
    public static let fraction = Kinds(rawValue: 1 << 3)
    public static let string = Kinds(rawValue: 1 << 4)
    public static let list = Kinds(rawValue: 1 << 5)
    public static let object = Kinds(rawValue: 1 << 6)

    public static let number: Kinds = [.integer, .fraction]
    public static let any: Kinds = [.null, .boolean, .number, .string, .list, .object]
  }

  public var kinds: Kinds
  /// Where the type is known from, for messages: `input 'count'`, `var 'n'`.
  public var origin: String?

  public init(_ kinds: Kinds, origin: String? = nil) {
    self.kinds = kinds
    self.origin = origin
  }

  public static let unknown = StaticType(.any)
  public static let boolean = StaticType(.boolean)
  public static let number = StaticType(.number)
  public static let string = StaticType(.string)

  /// The type of a literal value.
  public init(of value: JSONValue, origin: String? = nil) {
    let kinds: Kinds
    switch value {
    case .null: kinds = .null
    case .bool: kinds = .boolean
    case .int: kinds = .integer
    case .double: kinds = .fraction
    case .string: kinds = .string
    case .array: kinds = .list
    case .object: kinds = .object
    }
    self.init(kinds, origin: origin)
  }

  /// The type of a catalogue field's value; absent fields read as null.
  public init(of type: FieldType, origin: String? = nil) {
    let kinds: Kinds
    switch type {
    case .string: kinds = .string
    case .integer, .number: kinds = .number
    case .boolean: kinds = .boolean
    case .list: kinds = .list
    case .object: kinds = .object
    }
    self.init(kinds.union(.null), origin: origin)
  }

  public var isKnown: Bool { kinds != .any }

  /// Whether a value of this type may be of one of `kinds`. An unknown type may be anything.
  public func mayBe(_ kinds: Kinds) -> Bool { !self.kinds.isDisjoint(with: kinds) }

  /// Whether it may be anything but null, when null is not all it may be.
  public var withoutNull: StaticType {
    kinds == .null ? self : StaticType(kinds.subtracting(.null), origin: origin)
  }

  /// Either type: what a value that is one or the other may be.
  public func union(_ other: StaticType) -> StaticType {
    StaticType(kinds.union(other.kinds), origin: origin == other.origin ? origin : nil)
  }

  /// `a number (input 'count')`, `a string or null`, `an integer`.
  public var description: String {
    guard isKnown else { return "a value of any type" }
    var names: [String] = []
    if kinds.contains(.boolean) { names.append("a boolean") }
    if kinds.isSuperset(of: .number) {
      names.append("a number")
    } else if kinds.contains(.integer) {
      names.append("an integer")
    } else if kinds.contains(.fraction) {
      names.append("a number")
    }
    if kinds.contains(.string) { names.append("a string") }
    if kinds.contains(.list) { names.append("a list") }
    if kinds.contains(.object) { names.append("an object") }
    if kinds.contains(.null) { names.append("null") }
    let text = names.count > 1 ? names.dropLast().joined(separator: ", ") + " or " + names.last! : names.first ?? ""
    return origin.map { "\(text) (\($0))" } ?? text
  }
}
