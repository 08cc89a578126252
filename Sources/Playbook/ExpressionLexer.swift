import ReachCatalogue

/// One token of an expression, with its span of characters.
struct ExpressionToken: Hashable {
  enum Kind: Hashable {
    case identifier(String)
    case number(JSONValue)
    case string(String)
    case symbol(String)
    case end
  }

  var kind: Kind
  var range: Range<Int>
}

/// A problem in an expression at a character offset of its text.
struct ExpressionSyntaxError: Error, Hashable {
  var message: String
  var offset: Int
}

/// Splits expression text into tokens.
enum ExpressionLexer {
  static let symbols = ["==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "(", ")", "[", "]", ",", ".", "-"]

  static func tokens(_ text: String) throws(ExpressionSyntaxError) -> [ExpressionToken] {
    let chars = Array(text)
    var tokens: [ExpressionToken] = []
    var i = 0
    while i < chars.count {
      let c = chars[i]
      if c.isWhitespace {
        i += 1
        continue
      }
      let start = i
      if c.isLetter || c == "_" {
        while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" || chars[i] == "-" { i += 1 }
        tokens.append(ExpressionToken(kind: .identifier(String(chars[start..<i])), range: start..<i))
      } else if c.isASCII, c.isNumber {
        // After a '.', digits are an index (`lines.0.mdn`), never a fraction.
        let afterDot = tokens.last?.kind == .symbol(".")
        while i < chars.count, chars[i].isASCII,
          chars[i].isNumber
            || (!afterDot && chars[i] == "." && i + 1 < chars.count && chars[i + 1].isASCII && chars[i + 1].isNumber)
        { i += 1 }
        let text = String(chars[start..<i])
        if let int = Int(text) {
          tokens.append(ExpressionToken(kind: .number(.int(int)), range: start..<i))
        } else if let double = Double(text) {
          tokens.append(ExpressionToken(kind: .number(.double(double)), range: start..<i))
        } else {
          throw ExpressionSyntaxError(message: "'\(text)' is not a number", offset: start)
        }
      } else if c == "'" || c == "\"" {
        i += 1
        var value = ""
        var closed = false
        while i < chars.count {
          let d = chars[i]
          if d == c {
            // Two quotes in a row stand for one, as in GitHub Actions: 'it''s'.
            if c == "'", i + 1 < chars.count, chars[i + 1] == "'" {
              value.append("'")
              i += 2
              continue
            }
            closed = true
            i += 1
            break
          }
          if d == "\\", c == "\"", i + 1 < chars.count {
            let e = chars[i + 1]
            switch e {
            case "n": value.append("\n")
            case "t": value.append("\t")
            default: value.append(e)
            }
            i += 2
            continue
          }
          value.append(d)
          i += 1
        }
        guard closed else {
          throw ExpressionSyntaxError(message: "unterminated string; close it with \(c)", offset: start)
        }
        tokens.append(ExpressionToken(kind: .string(value), range: start..<i))
      } else if let symbol = symbols.first(where: { matches($0, chars, at: i) }) {
        i += symbol.count
        tokens.append(ExpressionToken(kind: .symbol(symbol), range: start..<i))
      } else if c == "=" {
        throw ExpressionSyntaxError(message: "'=' is not an operator; compare with '=='", offset: start)
      } else if c == "&" || c == "|" {
        throw ExpressionSyntaxError(message: "'\(c)' is not an operator; write '\(c)\(c)'", offset: start)
      } else {
        throw ExpressionSyntaxError(message: "unexpected character '\(c)'", offset: start)
      }
    }
    tokens.append(ExpressionToken(kind: .end, range: chars.count..<chars.count))
    return tokens
  }

  private static func matches(_ symbol: String, _ chars: [Character], at i: Int) -> Bool {
    let s = Array(symbol)
    guard i + s.count <= chars.count else { return false }
    return Array(chars[i..<i + s.count]) == s
  }
}
