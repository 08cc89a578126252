public import ReachCatalogue

/// A string from the playbook that may hold `${{ … }}` expressions. A string that is exactly one
/// expression keeps the expression's type; otherwise each expression is interpolated as text.
public struct Template: Sendable, Hashable {
  public enum Part: Sendable, Hashable {
    case text(String)
    case expression(Expression)
  }

  public var source: String
  public var parts: [Part]
  public var location: SourceLocation

  /// Splits `source` into text and expressions; `contentStart` is where its first character is
  /// in the file. Throws the first malformed expression.
  public init(_ source: String, contentStart: SourceLocation) throws(ExpressionError) {
    self.source = source
    self.location = contentStart
    var parts: [Part] = []
    let chars = Array(source)
    var text = ""
    var i = 0
    // Positions are found walking forward from the last one, so a long string costs one pass.
    var position = Position(offset: 0, location: contentStart)
    while i < chars.count {
      guard Template.starts(chars, at: i, with: "${{") else {
        text.append(chars[i])
        i += 1
        continue
      }
      guard let close = Template.closing(chars, from: i + 3) else {
        throw .unclosed(at: position.advance(to: i, in: chars))
      }
      if !text.isEmpty { parts.append(.text(text)) }
      text = ""
      let inner = chars[(i + 3)..<close]
      let leading = inner.prefix { $0.isWhitespace }.count
      let expressionText = String(inner).trimming { $0.isWhitespace }
      let start = position.advance(to: i + 3 + leading, in: chars)
      parts.append(.expression(try Expression(expressionText, at: start)))
      i = close + 2
    }
    if !text.isEmpty { parts.append(.text(text)) }
    self.parts = parts
  }

  /// A template that is the bare expression `text` (conditions may omit `${{ }}`).
  init(expressionText text: String, at location: SourceLocation) throws(ExpressionError) {
    self.source = text
    self.location = location
    let leading = text.prefix { $0.isWhitespace }.count
    self.parts = [.expression(try Expression(text.trimming { $0.isWhitespace }, at: location.advanced(by: leading)))]
  }

  /// The expression when the template is exactly one expression, and so keeps its type.
  public var single: Expression? {
    guard parts.count == 1, case .expression(let expression) = parts[0] else { return nil }
    return expression
  }

  public var expressions: [Expression] {
    parts.compactMap {
      if case .expression(let e) = $0 { return e }
      return nil
    }
  }

  public var isLiteral: Bool { expressions.isEmpty }

  public func evaluate(in environment: ExpressionEnvironment) throws(ExpressionError) -> JSONValue {
    if let single { return try single.evaluate(in: environment) }
    var out = ""
    for part in parts {
      switch part {
      case .text(let text): out += text
      case .expression(let expression): out += try expression.evaluate(in: environment).interpolated
      }
    }
    return .string(out)
  }

  /// The index of the `}}` that closes an expression starting at `start`, skipping quoted strings.
  private static func closing(_ chars: [Character], from start: Int) -> Int? {
    var i = start
    var quote: Character? = nil
    while i < chars.count {
      let c = chars[i]
      if let q = quote {
        if c == "\\", q == "\"" {
          i += 2
          continue
        }
        if c == q { quote = nil }
      } else if c == "'" || c == "\"" {
        quote = c
      } else if starts(chars, at: i, with: "}}") {
        return i
      }
      i += 1
    }
    return nil
  }

  private static func starts(_ chars: [Character], at i: Int, with prefix: String) -> Bool {
    var j = i
    for c in prefix {
      guard j < chars.count, chars[j] == c else { return false }
      j += 1
    }
    return true
  }

  /// The file position of a character of the text, found by walking forward, following newlines.
  private struct Position {
    var offset: Int
    var location: SourceLocation

    mutating func advance(to target: Int, in chars: [Character]) -> SourceLocation {
      for c in chars[offset..<target] {
        if c == "\n" {
          location.line += 1
          location.column = 1
        } else {
          location.column += 1
        }
      }
      offset = target
      return location
    }
  }
}
