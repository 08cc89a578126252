public import ReachCatalogue

/// What an expression can read: the root names (`inputs`, `vars`, `steps`, `item`, `response`,
/// `http`, a foreach's `as` name) and the providers behind `now()` and `uuid()`, injected so that
/// runs and tests are deterministic.
public struct ExpressionEnvironment: Sendable {
  public var names: [String: JSONValue]
  public var now: @Sendable () -> String
  public var uuid: @Sendable () -> String

  public init(
    names: [String: JSONValue] = [:],
    now: @escaping @Sendable () -> String,
    uuid: @escaping @Sendable () -> String
  ) {
    self.names = names
    self.now = now
    self.uuid = uuid
  }

  /// A copy with `name` bound to `value`.
  public func binding(_ name: String, to value: JSONValue) -> ExpressionEnvironment {
    var copy = self
    copy.names[name] = value
    return copy
  }
}
