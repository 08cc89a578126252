public import ReachCatalogue

/// One parsed `${{ … }}` expression: its text, where that text starts in the file, its tree.
public struct Expression: Sendable, Hashable, CustomStringConvertible {
  /// The text between `${{` and `}}`, trimmed.
  public var source: String
  /// Where `source` starts.
  public var location: SourceLocation
  public var root: ExpressionNode

  /// Parses `source`, which starts at `location`.
  public init(_ source: String, at location: SourceLocation) throws(ExpressionError) {
    self.source = source
    self.location = location
    let length = source.count
    guard length <= PlaybookLimits.expressionCharacters else {
      throw .syntax(
        expression: source,
        message:
          "the expression has \(length) characters; one may have at most \(PlaybookLimits.expressionCharacters)",
        at: location)
    }
    do {
      self.root = try ExpressionParser.parse(source)
    } catch {
      throw .syntax(expression: source, message: error.message, at: location.advanced(by: error.offset))
    }
  }

  public var description: String { "${{ \(source) }}" }

  /// `${{ … }}` as messages quote it: a long expression is cut after its first 80 characters.
  public var quoted: String { "${{ \(ExpressionError.shortened(source)) }}" }

  /// The text of a part of the expression.
  public func text(of node: ExpressionNode) -> String {
    let chars = Array(source)
    let range = node.range.clamped(to: 0..<chars.count)
    return String(chars[range])
  }

  public func evaluate(in environment: ExpressionEnvironment) throws(ExpressionError) -> JSONValue {
    do {
      return try ExpressionEvaluator(environment: environment).evaluate(root)
    } catch {
      throw .evaluation(expression: source, message: error.message, at: location.advanced(by: error.offset))
    }
  }

  /// Whether the expression holds, by the truthiness rule (false, null, 0 and "" are false).
  public func holds(in environment: ExpressionEnvironment) throws(ExpressionError) -> Bool {
    try evaluate(in: environment).isTruthy
  }

  /// What each part of the expression evaluated to, one line per operation, indented by depth:
  ///
  ///     steps.info.status == 2 && len(items) > 0 → false
  ///       steps.info.status == 2 → false
  ///         steps.info.status → 3
  ///       len(items) > 0 → true
  ///         len(items) → 1
  ///         items → ["a"]
  ///
  /// Literals (and lists of literals) are left out; they say what they are.
  public func explain(in environment: ExpressionEnvironment) -> [String] {
    var lines: [String] = []
    let evaluator = ExpressionEvaluator(environment: environment)
    func visit(_ node: ExpressionNode, depth: Int) {
      if node.isConstant { return }
      let shown: String
      do {
        shown = try evaluator.evaluate(node).explained
      } catch {
        shown = "error: \(error.message)"
      }
      lines.append(String(repeating: "  ", count: depth) + "\(text(of: node)) → \(shown)")
      // A path is one value; its parts say nothing more.
      if node.path != nil { return }
      for child in node.children { visit(child, depth: depth + 1) }
    }
    visit(root, depth: 0)
    return lines
  }
}

extension JSONValue {
  /// False, null, 0, "" and empty lists are false; everything else is true.
  public var isTruthy: Bool {
    switch self {
    case .null: return false
    case .bool(let b): return b
    case .int(let i): return i != 0
    case .double(let d): return d != 0
    case .string(let s): return !s.isEmpty
    case .array(let a): return !a.isEmpty
    case .object: return true
    }
  }

  /// The type with its article, for messages: `an integer`, `a string`, `null`.
  public var withArticle: String {
    switch self {
    case .null: return "null"
    case .int, .object: return "an \(typeName)"
    default: return "a \(typeName)"
    }
  }

  /// The value as `explain` shows it: JSON text, shortened.
  var explained: String {
    let text = jsonText()
    return text.count > 120 ? String(text.prefix(117)) + "..." : text
  }

  /// The value as text interpolated into a longer string: strings bare, null empty, others as JSON.
  public var interpolated: String {
    switch self {
    case .null: return ""
    case .string(let s): return s
    default: return jsonText()
    }
  }
}
