public import ReachCatalogue

/// The syntax tree of one `${{ … }}` expression. `range` is the node's span of characters in
/// the expression text, so messages can quote any part of it.
public struct ExpressionNode: Sendable, Hashable {
  public indirect enum Kind: Sendable, Hashable {
    case literal(JSONValue)
    case list([ExpressionNode])
    /// A root name: `inputs`, `vars`, `steps`, `item`, `response`, `http`, or a foreach's `as` name.
    case name(String)
    case member(ExpressionNode, String)
    case index(ExpressionNode, ExpressionNode)
    case call(ExpressionFunction, [ExpressionNode])
    case not(ExpressionNode)
    case binary(BinaryOperator, ExpressionNode, ExpressionNode)
  }

  public let kind: Kind
  public let range: Range<Int>
  /// How many levels the node stands on: 1 for a leaf, one more than its highest child otherwise.
  public let height: Int

  public init(_ kind: Kind, _ range: Range<Int>) {
    self.kind = kind
    self.range = range
    var height = 1
    switch kind {
    case .literal, .name: break
    case .list(let items), .call(_, let items): height += items.map(\.height).max() ?? 0
    case .member(let base, _), .not(let base): height += base.height
    case .index(let base, let other), .binary(_, let base, let other): height += max(base.height, other.height)
    }
    self.height = height
  }

  /// The path this node reads when it is a chain of members and constant indexes from a root name:
  /// `steps.info.status` → `["steps", "info", "status"]`, `item.lines[0]` → `["item", "lines", "0"]`.
  public var path: [String]? {
    switch kind {
    case .name(let name): return [name]
    case .member(let base, let member): return base.path.map { $0 + [member] }
    case .index(let base, let index):
      guard case .literal(let value) = index.kind, let key = value.stringValue else { return nil }
      return base.path.map { $0 + [key] }
    default: return nil
    }
  }

  /// Whether the node is a literal or a list of constants: its text already says its value.
  public var isConstant: Bool {
    switch kind {
    case .literal: return true
    case .list(let items): return items.allSatisfy(\.isConstant)
    default: return false
    }
  }

  /// The direct sub-expressions.
  public var children: [ExpressionNode] {
    switch kind {
    case .literal, .name: return []
    case .list(let items): return items
    case .member(let base, _): return [base]
    case .index(let base, let index): return [base, index]
    case .call(_, let arguments): return arguments
    case .not(let operand): return [operand]
    case .binary(_, let lhs, let rhs): return [lhs, rhs]
    }
  }

  /// The outermost paths the expression reads: `steps.a.b` once, not also `steps.a` and `steps`.
  public var readPaths: [(path: [String], range: Range<Int>)] {
    if let path { return [(path, range)] }
    return children.flatMap(\.readPaths)
  }
}

public enum BinaryOperator: String, Sendable, Hashable, CaseIterable {
  case or = "||"
  case and = "&&"
  case equal = "=="
  case notEqual = "!="
  case less = "<"
  case lessOrEqual = "<="
  case greater = ">"
  case greaterOrEqual = ">="
  case `in` = "in"

  /// Binding strength: higher binds tighter.
  var precedence: Int {
    switch self {
    case .or: return 1
    case .and: return 2
    case .equal, .notEqual: return 3
    case .less, .lessOrEqual, .greater, .greaterOrEqual, .in: return 4
    }
  }
}
