import ReachCatalogue

/// A failure while evaluating, at a character offset of the expression text.
struct EvaluationFailure: Error, Hashable {
  var message: String
  var offset: Int
}

/// Evaluates expression trees over JSON values.
///
/// Reading a member that an object lacks, or an index past the end of a list, gives null (so
/// `default(response.x, 0)` works); reading a member of a string, number or boolean is an error.
struct ExpressionEvaluator {
  var environment: ExpressionEnvironment

  static let rootNames = ["inputs", "vars", "steps", "item", "response", "http", "event"]

  func evaluate(_ node: ExpressionNode) throws(EvaluationFailure) -> JSONValue {
    switch node.kind {
    case .literal(let value):
      return value
    case .list(let items):
      var values: [JSONValue] = []
      for item in items { values.append(try evaluate(item)) }
      return .array(values)
    case .name(let name):
      guard let value = environment.names[name] else {
        let known = environment.names.keys.sorted().joined(separator: ", ")
        throw EvaluationFailure(
          message: "'\(name)' is not defined here; defined: \(known)", offset: node.range.lowerBound)
      }
      return value
    case .member(let base, let member):
      let value = try evaluate(base)
      switch value {
      case .object(let object): return object[member] ?? .null
      case .null: return .null
      default:
        throw EvaluationFailure(
          message: "cannot read '\(member)' of \(value.withArticle)", offset: node.range.lowerBound)
      }
    case .index(let base, let indexNode):
      let value = try evaluate(base)
      let index = try evaluate(indexNode)
      switch (value, index) {
      case (.array(let items), .int(let i)): return items.indices.contains(i) ? items[i] : .null
      case (.object(let object), .string(let key)): return object[key] ?? .null
      case (.null, _): return .null
      default:
        throw EvaluationFailure(
          message: "cannot index \(value.withArticle) with \(index.withArticle)", offset: indexNode.range.lowerBound)
      }
    case .not(let operand):
      return .bool(!(try evaluate(operand)).isTruthy)
    case .binary(let op, let lhs, let rhs):
      return try binary(op, lhs, rhs, node)
    case .call(let function, let arguments):
      var values: [JSONValue] = []
      for argument in arguments { values.append(try evaluate(argument)) }
      return try call(function, values, node)
    }
  }

  private func binary(
    _ op: BinaryOperator, _ lhsNode: ExpressionNode, _ rhsNode: ExpressionNode, _ node: ExpressionNode
  ) throws(EvaluationFailure) -> JSONValue {
    let lhs = try evaluate(lhsNode)
    switch op {
    case .and: return .bool(lhs.isTruthy ? try evaluate(rhsNode).isTruthy : false)
    case .or: return .bool(lhs.isTruthy ? true : try evaluate(rhsNode).isTruthy)
    default: break
    }
    let rhs = try evaluate(rhsNode)
    switch op {
    case .equal: return .bool(Self.equal(lhs, rhs))
    case .notEqual: return .bool(!Self.equal(lhs, rhs))
    case .less, .lessOrEqual, .greater, .greaterOrEqual:
      let order: Int
      if let a = lhs.doubleValue, let b = rhs.doubleValue {
        order = a < b ? -1 : (a > b ? 1 : 0)
      } else if case .string(let a) = lhs, case .string(let b) = rhs {
        order = a < b ? -1 : (a > b ? 1 : 0)
      } else {
        throw EvaluationFailure(
          message:
            "'\(op.rawValue)' compares two numbers or two strings, not \(lhs.withArticle) and \(rhs.withArticle)",
          offset: node.range.lowerBound)
      }
      switch op {
      case .less: return .bool(order < 0)
      case .lessOrEqual: return .bool(order <= 0)
      case .greater: return .bool(order > 0)
      default: return .bool(order >= 0)
      }
    case .in:
      switch (lhs, rhs) {
      case (_, .array(let items)): return .bool(items.contains { Self.equal($0, lhs) })
      case (.string(let needle), .string(let haystack)): return .bool(haystack.contains(needle))
      case (.string(let key), .object(let object)): return .bool(object[key] != nil)
      case (_, .null): return .bool(false)
      default:
        throw EvaluationFailure(
          message: "'in' looks in a list, a string or an object, not \(rhs.withArticle)",
          offset: rhsNode.range.lowerBound)
      }
    case .and, .or:
      preconditionFailure("handled above")
    }
  }

  /// JSON equality where 2 and 2.0 are equal.
  static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
    switch (a, b) {
    case (.int, .double), (.double, .int): return a.doubleValue == b.doubleValue
    case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy(equal)
    default: return a == b
    }
  }

  private func call(
    _ function: ExpressionFunction, _ arguments: [JSONValue], _ node: ExpressionNode
  ) throws(EvaluationFailure) -> JSONValue {
    func fail(_ message: String) -> EvaluationFailure {
      EvaluationFailure(message: "\(function.rawValue)(): \(message)", offset: node.range.lowerBound)
    }
    switch function {
    case .len:
      switch arguments[0] {
      case .string(let s): return .int(s.count)
      case .array(let a): return .int(a.count)
      case .object(let o): return .int(o.count)
      case .null: return .int(0)
      default: throw fail("takes a string, list or object, not \(arguments[0].withArticle)")
      }
    case .contains:
      switch (arguments[0], arguments[1]) {
      case (.string(let haystack), .string(let needle)): return .bool(haystack.contains(needle))
      case (.array(let items), let needle): return .bool(items.contains { Self.equal($0, needle) })
      case (.object(let object), .string(let key)): return .bool(object[key] != nil)
      case (.null, _): return .bool(false)
      default:
        throw fail("looks in a string, list or object, not \(arguments[0].withArticle)")
      }
    case .startsWith, .endsWith:
      guard let text = arguments[0].stringValue, let affix = arguments[1].stringValue else {
        throw fail("takes two strings, not \(arguments[0].withArticle) and \(arguments[1].withArticle)")
      }
      return .bool(function == .startsWith ? text.hasPrefix(affix) : text.hasSuffix(affix))
    case .default:
      return arguments[0].isNull ? arguments[1] : arguments[0]
    case .find:
      guard let key = arguments[1].stringValue else { throw fail("takes a key name, not \(arguments[1].withArticle)") }
      switch arguments[0] {
      case .null: return .null
      case .array(let items): return items.first { $0[key].map { $0 == arguments[2] } ?? false } ?? .null
      default: throw fail("looks in a list, not \(arguments[0].withArticle)")
      }
    case .now:
      return .string(environment.now())
    case .uuid:
      return .string(environment.uuid())
    case .string:
      return .string(arguments[0].interpolated)
    case .number:
      switch arguments[0] {
      case .int, .double: return arguments[0]
      case .string(let s):
        if let i = Int(s) { return .int(i) }
        if let d = Double(s) { return .double(d) }
        throw fail("'\(s)' is not a number")
      default: throw fail("takes a number or a string, not \(arguments[0].withArticle)")
      }
    }
  }
}
