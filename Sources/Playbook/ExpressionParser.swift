import ReachCatalogue

/// Recursive descent over the tokens of one expression:
///
///     or      := and ('||' and)*
///     and     := equality ('&&' equality)*
///     equality:= compare (('==' | '!=') compare)*
///     compare := unary (('<' | '<=' | '>' | '>=' | 'in') unary)*
///     unary   := '!' unary | '-' number | postfix
///     postfix := primary ('.' name | '[' or ']')*
///     primary := literal | name | name '(' args ')' | '[' items ']' | '(' or ')'
struct ExpressionParser {
  private var tokens: [ExpressionToken]
  private var position = 0
  /// How many parse functions are open: each '(', '[', call, operand and '!' opens one.
  private var nesting = 0

  static func parse(_ text: String) throws(ExpressionSyntaxError) -> ExpressionNode {
    var parser = ExpressionParser(tokens: try ExpressionLexer.tokens(text))
    guard parser.current.kind != .end else {
      throw ExpressionSyntaxError(message: "empty expression", offset: 0)
    }
    let node = try parser.parseBinary(minimum: 1)
    guard parser.current.kind == .end else {
      throw ExpressionSyntaxError(
        message: "unexpected \(parser.current.kind.shown) after a complete expression",
        offset: parser.current.range.lowerBound)
    }
    return node
  }

  private init(tokens: [ExpressionToken]) {
    self.tokens = tokens
  }

  private var current: ExpressionToken { tokens[position] }

  /// Opens one level of nesting, refusing to go deeper than the limit (so that no expression can
  /// exhaust the stack of the parser, the validator or the evaluator, which all recurse).
  private mutating func enter() throws(ExpressionSyntaxError) {
    nesting += 1
    if nesting > PlaybookLimits.expressionDepth { throw Self.tooDeep(at: current.range.lowerBound) }
  }

  /// A node, refused when it stands on more levels than the limit (a long chain of members or
  /// operators nests without opening anything).
  private func make(_ kind: ExpressionNode.Kind, _ range: Range<Int>) throws(ExpressionSyntaxError) -> ExpressionNode {
    let node = ExpressionNode(kind, range)
    // A chain grows at its end: point there.
    if node.height > PlaybookLimits.expressionDepth { throw Self.tooDeep(at: max(range.upperBound - 1, 0)) }
    return node
  }

  private static func tooDeep(at offset: Int) -> ExpressionSyntaxError {
    ExpressionSyntaxError(
      message:
        "the expression nests deeper than \(PlaybookLimits.expressionDepth) levels; split it with vars or set steps",
      offset: offset)
  }

  private mutating func advance() -> ExpressionToken {
    let token = tokens[position]
    if position < tokens.count - 1 { position += 1 }
    return token
  }

  private func binaryOperator() -> BinaryOperator? {
    switch current.kind {
    case .symbol(let s): return BinaryOperator(rawValue: s)
    case .identifier("in"): return .in
    default: return nil
    }
  }

  private mutating func parseBinary(minimum: Int) throws(ExpressionSyntaxError) -> ExpressionNode {
    try enter()
    defer { nesting -= 1 }
    var lhs = try parseUnary()
    while let op = binaryOperator(), op.precedence >= minimum {
      _ = advance()
      let rhs = try parseBinary(minimum: op.precedence + 1)
      lhs = try make(.binary(op, lhs, rhs), lhs.range.lowerBound..<rhs.range.upperBound)
    }
    return lhs
  }

  private mutating func parseUnary() throws(ExpressionSyntaxError) -> ExpressionNode {
    let token = current
    if token.kind == .symbol("!") {
      try enter()
      defer { nesting -= 1 }
      _ = advance()
      let operand = try parseUnary()
      return try make(.not(operand), token.range.lowerBound..<operand.range.upperBound)
    }
    if token.kind == .symbol("-") {
      _ = advance()
      guard case .number(let value) = current.kind else {
        throw ExpressionSyntaxError(message: "'-' must be followed by a number", offset: token.range.lowerBound)
      }
      let number = advance()
      let negated: JSONValue
      switch value {
      case .int(let i): negated = .int(-i)
      case .double(let d): negated = .double(-d)
      default: negated = value
      }
      return try make(.literal(negated), token.range.lowerBound..<number.range.upperBound)
    }
    return try parsePostfix()
  }

  private mutating func parsePostfix() throws(ExpressionSyntaxError) -> ExpressionNode {
    var node = try parsePrimary()
    while true {
      if current.kind == .symbol(".") {
        _ = advance()
        let name = advance()
        switch name.kind {
        case .identifier(let member):
          node = try make(.member(node, member), node.range.lowerBound..<name.range.upperBound)
        case .number(.int(let index)):
          let literal = try make(.literal(.int(index)), name.range)
          node = try make(.index(node, literal), node.range.lowerBound..<name.range.upperBound)
        default:
          throw ExpressionSyntaxError(
            message: "expected a name after '.', found \(name.kind.shown)", offset: name.range.lowerBound)
        }
      } else if current.kind == .symbol("[") {
        _ = advance()
        let index = try parseBinary(minimum: 1)
        let close = try expect("]")
        node = try make(.index(node, index), node.range.lowerBound..<close.range.upperBound)
      } else {
        return node
      }
    }
  }

  private mutating func parsePrimary() throws(ExpressionSyntaxError) -> ExpressionNode {
    let token = advance()
    switch token.kind {
    case .number(let value): return try make(.literal(value), token.range)
    case .string(let value): return try make(.literal(.string(value)), token.range)
    case .identifier("true"): return try make(.literal(.bool(true)), token.range)
    case .identifier("false"): return try make(.literal(.bool(false)), token.range)
    case .identifier("null"): return try make(.literal(.null), token.range)
    case .identifier(let name):
      guard current.kind == .symbol("(") else { return try make(.name(name), token.range) }
      guard let function = ExpressionFunction(rawValue: name) else {
        let names = ExpressionFunction.allCases.map(\.rawValue)
        let hint = Similarity.nearest(to: name, among: names, limit: 1).first.map { " (did you mean '\($0)'?)" } ?? ""
        throw ExpressionSyntaxError(
          message: "unknown function '\(name)'\(hint); functions: \(names.joined(separator: ", "))",
          offset: token.range.lowerBound)
      }
      _ = advance()
      let arguments = try parseList(closing: ")")
      let close = advance()
      guard arguments.count == function.arity else {
        throw ExpressionSyntaxError(
          message:
            "\(name)() takes \(function.arity) argument\(function.arity == 1 ? "" : "s"), got \(arguments.count)",
          offset: token.range.lowerBound)
      }
      return try make(.call(function, arguments), token.range.lowerBound..<close.range.upperBound)
    case .symbol("["):
      let items = try parseList(closing: "]")
      let close = advance()
      return try make(.list(items), token.range.lowerBound..<close.range.upperBound)
    case .symbol("("):
      let inner = try parseBinary(minimum: 1)
      let close = try expect(")")
      return try make(inner.kind, token.range.lowerBound..<close.range.upperBound)
    case .end:
      throw ExpressionSyntaxError(
        message: "the expression ends where a value was expected", offset: token.range.lowerBound)
    default:
      throw ExpressionSyntaxError(
        message: "expected a value, found \(token.kind.shown)", offset: token.range.lowerBound)
    }
  }

  /// Comma-separated expressions up to (not consuming) `closing`.
  private mutating func parseList(closing: String) throws(ExpressionSyntaxError) -> [ExpressionNode] {
    var items: [ExpressionNode] = []
    if current.kind == .symbol(closing) { return items }
    while true {
      items.append(try parseBinary(minimum: 1))
      if current.kind == .symbol(",") {
        _ = advance()
        continue
      }
      guard current.kind == .symbol(closing) else {
        throw ExpressionSyntaxError(
          message: "expected ',' or '\(closing)', found \(current.kind.shown)", offset: current.range.lowerBound)
      }
      return items
    }
  }

  private mutating func expect(_ symbol: String) throws(ExpressionSyntaxError) -> ExpressionToken {
    guard current.kind == .symbol(symbol) else {
      throw ExpressionSyntaxError(
        message: "expected '\(symbol)', found \(current.kind.shown)", offset: current.range.lowerBound)
    }
    return advance()
  }
}

extension ExpressionToken.Kind {
  /// The token as messages quote it.
  var shown: String {
    switch self {
    case .identifier(let s): return "'\(s)'"
    case .number(let v): return "'\(v.jsonText())'"
    case .string(let s): return "'\(s)'"
    case .symbol(let s): return "'\(s)'"
    case .end: return "the end"
    }
  }
}
