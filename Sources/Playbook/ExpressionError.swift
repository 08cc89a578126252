/// A problem with one `${{ … }}` expression: it names the expression and where it is.
public enum ExpressionError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The text is not a valid expression.
  case syntax(expression: String, message: String, at: SourceLocation)
  /// A `${{` without its `}}`.
  case unclosed(at: SourceLocation)
  /// The expression is valid but could not be evaluated with the values at hand.
  case evaluation(expression: String, message: String, at: SourceLocation)

  public var location: SourceLocation {
    switch self {
    case .syntax(_, _, let at), .evaluation(_, _, let at), .unclosed(let at): return at
    }
  }

  public var message: String {
    switch self {
    case .syntax(let expression, let message, _):
      return "invalid expression '${{ \(Self.shortened(expression)) }}': \(message)"
    case .unclosed:
      return "'${{' is never closed with '}}' (or a quote inside it is left open)"
    case .evaluation(let expression, let message, _):
      return "cannot evaluate '${{ \(Self.shortened(expression)) }}': \(message)"
    }
  }

  /// An expression as messages quote it: at most 80 characters, cut with `...`.
  static func shortened(_ expression: String) -> String {
    expression.count > 80 ? expression.prefix(77) + "..." : expression
  }

  public var diagnostic: Diagnostic { Diagnostic(location, message) }

  public var description: String { diagnostic.description }
}
