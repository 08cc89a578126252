/// Infers what each part of an expression gives, from what is known before the run, and finds the
/// operations that cannot succeed with any value of those types: `inputs.count > 'three'` with a
/// number input, `len(inputs.count)`. It follows the evaluator's rules (`ExpressionEvaluator`), so
/// an expression it passes fails at run time only on a value its types did not foresee.
struct ExpressionTyper {
  /// The type of the value at a read path (`["inputs", "count"]`), when the caller knows it.
  let resolve: ([String]) -> StaticType?
  /// What cannot succeed, at a character offset of the expression text.
  private(set) var problems: [EvaluationFailure] = []

  init(resolve: @escaping ([String]) -> StaticType?) {
    self.resolve = resolve
  }

  /// The type of `node`, noting every operation inside it that cannot succeed.
  mutating func infer(_ node: ExpressionNode) -> StaticType {
    if let path = node.path, let known = resolve(path) { return known }
    switch node.kind {
    case .literal(let value):
      return StaticType(of: value)
    case .list(let items):
      for item in items { _ = infer(item) }
      return StaticType(.list)
    case .name:
      return .unknown
    case .member(let base, let member):
      let type = infer(base)
      if type.isKnown && !type.mayBe([.object, .null]) {
        note("cannot read '\(member)' of \(type)", node)
      }
      return type.kinds == .null ? type : .unknown
    case .index(let base, let indexNode):
      let type = infer(base)
      let index = infer(indexNode)
      let possible =
        type.mayBe(.null) || (type.mayBe(.list) && index.mayBe(.integer))
        || (type.mayBe(.object) && index.mayBe(.string))
      if !possible { note("cannot index \(type) with \(index)", indexNode) }
      return type.kinds == .null ? type : .unknown
    case .not(let operand):
      _ = infer(operand)
      return .boolean
    case .binary(let op, let lhs, let rhs):
      return binary(op, infer(lhs), infer(rhs), node, rhs)
    case .call(let function, let arguments):
      return call(function, arguments.map { infer($0) }, node)
    }
  }

  private mutating func binary(
    _ op: BinaryOperator, _ lhs: StaticType, _ rhs: StaticType, _ node: ExpressionNode, _ rhsNode: ExpressionNode
  ) -> StaticType {
    switch op {
    case .and, .or, .equal, .notEqual:
      break
    case .less, .lessOrEqual, .greater, .greaterOrEqual:
      let possible = (lhs.mayBe(.number) && rhs.mayBe(.number)) || (lhs.mayBe(.string) && rhs.mayBe(.string))
      if !possible {
        note("'\(op.rawValue)' compares two numbers or two strings, not \(lhs) and \(rhs)", node)
      }
    case .in:
      let possible =
        rhs.mayBe([.list, .null]) || (lhs.mayBe(.string) && rhs.mayBe([.string, .object]))
      if !possible {
        note("'in' looks in a list, a string or an object, not \(rhs)", rhsNode)
      }
    }
    return .boolean
  }

  private mutating func call(
    _ function: ExpressionFunction, _ arguments: [StaticType], _ node: ExpressionNode
  ) -> StaticType {
    func require(_ argument: StaticType, _ kinds: StaticType.Kinds, _ takes: String) {
      if !argument.mayBe(kinds) { note("\(function.rawValue)(): \(takes), not \(argument)", node) }
    }
    switch function {
    case .len:
      require(arguments[0], [.string, .list, .object, .null], "takes a string, list or object")
      return StaticType(.integer)
    case .contains:
      require(arguments[0], [.string, .list, .object, .null], "looks in a string, list or object")
      return .boolean
    case .startsWith, .endsWith:
      // Integers read as their digits, as `stringValue` does.
      if !arguments[0].mayBe([.string, .integer]) || !arguments[1].mayBe([.string, .integer]) {
        note("\(function.rawValue)(): takes two strings, not \(arguments[0]) and \(arguments[1])", node)
      }
      return .boolean
    case .default:
      guard arguments[0].isKnown, arguments[1].isKnown else { return .unknown }
      return StaticType(arguments[0].kinds.subtracting(.null)).union(StaticType(arguments[1].kinds))
    case .find:
      require(arguments[0], [.list, .null], "looks in a list")
      if !arguments[1].mayBe([.string, .integer]) {
        note("find(): takes a key name, not \(arguments[1])", node)
      }
      return StaticType([.object, .null])
    case .now, .uuid, .string:
      return .string
    case .number:
      require(arguments[0], [.number, .string], "takes a number or a string")
      return .number
    }
  }

  private mutating func note(_ message: String, _ node: ExpressionNode) {
    problems.append(EvaluationFailure(message: message, offset: node.range.lowerBound))
  }
}
