import Playbook
import ReachCatalogue
import Testing

@Suite struct ExpressionTests {
  static let environment = ExpressionEnvironment(
    names: [
      "inputs": ["customerId": "C-1", "count": 3, "tags": ["a", "b"]],
      "vars": ["attempts": 0, "ratio": 0.5],
      "steps": [
        "info": ["status": 2, "response": ["status": 2, "lines": [["mdn": "5551234567"]]], "http": ["status": 200]]
      ],
      "item": ["iccid": "8901260000000000001"],
      "response": ["status": 3, "name": "x", "nothing": nil],
      "http": ["status": 202],
    ],
    now: { "2026-01-01T00:00:00Z" }, uuid: { "00000000-0000-0000-0000-000000000001" })

  static let at = SourceLocation(file: "t.yaml", line: 4, column: 10)

  static let cases: [(String, JSONValue)] = [
    ("${{ inputs.count }}", 3),
    ("${{ inputs.customerId }}", "C-1"),
    ("${{ vars.ratio }}", 0.5),
    ("${{ inputs.tags }}", ["a", "b"]),
    ("${{ steps.info.status == 2 }}", true),
    ("${{ steps.info.response.lines[0].mdn }}", "5551234567"),
    ("${{ steps.info.response.lines.0.mdn }}", "5551234567"),
    ("${{ steps.info.http.status }}", 200),
    ("${{ response.status != 2 }}", true),
    ("${{ response.missing }}", nil),
    ("${{ response['name'] }}", "x"),
    ("${{ http.status >= 200 && http.status < 300 }}", true),
    ("${{ http.status == 200 || vars.attempts == 0 }}", true),
    ("${{ !(vars.attempts > 0) }}", true),
    ("${{ 'a' in inputs.tags }}", true),
    ("${{ 'z' in inputs.tags }}", false),
    ("${{ 'name' in response }}", true),
    ("${{ 2 in [1, 2, 3] }}", true),
    ("${{ 2 == 2.0 }}", true),
    ("${{ 'abc' < 'abd' }}", true),
    ("${{ -1 < 0 }}", true),
    ("${{ null }}", nil),
    ("${{ true }}", true),
    ("${{ \"q\\\"d\" }}", "q\"d"),
    ("${{ 'it''s' }}", "it's"),
    ("${{ len(inputs.tags) }}", 2),
    ("${{ len('abc') }}", 3),
    ("${{ contains(inputs.customerId, '-') }}", true),
    ("${{ contains(inputs.tags, 'b') }}", true),
    ("${{ startsWith(item.iccid, '8901') }}", true),
    ("${{ endsWith(item.iccid, '1') }}", true),
    ("${{ default(response.nothing, 'none') }}", "none"),
    ("${{ default(response.name, 'none') }}", "x"),
    ("${{ now() }}", "2026-01-01T00:00:00Z"),
    ("${{ uuid() }}", "00000000-0000-0000-0000-000000000001"),
    ("${{ string(inputs.count) }}", "3"),
    ("${{ number('42') }}", 42),
    ("${{ [inputs.count, 'x'] }}", [3, "x"]),
    ("${{ find(steps.info.response.lines, 'mdn', '5551234567').mdn }}", "5551234567"),
    ("${{ find(steps.info.response.lines, 'mdn', 'nope') }}", nil),
    ("${{ find(response.nothing, 'mdn', 'x') }}", nil),
    // Interpolation: anything around the expression makes a string.
    ("id-${{ inputs.count }}", "id-3"),
    ("${{ inputs.customerId }}/${{ steps.info.status }}", "C-1/2"),
    (" ${{ inputs.count }}", " 3"),
    ("null: [${{ response.nothing }}]", "null: []"),
    ("list: ${{ inputs.tags }}", "list: [\"a\",\"b\"]"),
    ("no expressions", "no expressions"),
  ]

  @Test(arguments: cases)
  func evaluates(_ source: String, _ expected: JSONValue) throws {
    let template = try Template(source, contentStart: Self.at)
    #expect(try template.evaluate(in: Self.environment) == expected)
  }

  static let syntaxErrors: [(String, String, Int)] = [
    ("${{ inputs. }}", "invalid expression '${{ inputs. }}': expected a name after '.', found the end", 21),
    ("${{ a = 1 }}", "invalid expression '${{ a = 1 }}': '=' is not an operator; compare with '=='", 16),
    (
      "${{ contain(x, 'a') }}",
      "invalid expression '${{ contain(x, 'a') }}': unknown function 'contain' (did you mean 'contains'?); functions: len, contains, startsWith, endsWith, default, now, uuid, string, number, find",
      14
    ),
    ("${{ len(a, b) }}", "invalid expression '${{ len(a, b) }}': len() takes 1 argument, got 2", 14),
    ("${{ 'open }}", "'${{' is never closed with '}}' (or a quote inside it is left open)", 10),
    ("ab ${{ x", "'${{' is never closed with '}}' (or a quote inside it is left open)", 13),
    ("x ${{ a b }}", "invalid expression '${{ a b }}': unexpected 'b' after a complete expression", 18),
    ("${{ }}", "invalid expression '${{  }}': empty expression", 14),
    ("${{ (a }}", "invalid expression '${{ (a }}': expected ')', found the end", 16),
    ("${{ a & b }}", "invalid expression '${{ a & b }}': '&' is not an operator; write '&&'", 16),
  ]

  @Test(arguments: syntaxErrors)
  func reportsSyntaxErrors(_ source: String, _ message: String, _ column: Int) {
    #expect {
      _ = try Template(source, contentStart: Self.at)
    } throws: { error in
      guard let error = error as? ExpressionError else { return false }
      #expect(error.message == message)
      #expect(error.location == SourceLocation(file: "t.yaml", line: 4, column: column))
      return true
    }
  }

  static let evaluationErrors: [(String, String, Int)] = [
    (
      "${{ nope.x }}",
      "cannot evaluate '${{ nope.x }}': 'nope' is not defined here; defined: http, inputs, item, response, steps, vars",
      14
    ),
    ("${{ inputs.customerId.x }}", "cannot evaluate '${{ inputs.customerId.x }}': cannot read 'x' of a string", 14),
    (
      "${{ inputs.tags > 1 }}",
      "cannot evaluate '${{ inputs.tags > 1 }}': '>' compares two numbers or two strings, not a list and an integer", 14
    ),
    (
      "${{ len(vars.attempts) }}",
      "cannot evaluate '${{ len(vars.attempts) }}': len(): takes a string, list or object, not an integer", 14
    ),
    (
      "ab ${{ 1 in 2 }}",
      "cannot evaluate '${{ 1 in 2 }}': 'in' looks in a list, a string or an object, not an integer", 22
    ),
  ]

  @Test(arguments: evaluationErrors)
  func reportsEvaluationErrors(_ source: String, _ message: String, _ column: Int) throws {
    let template = try Template(source, contentStart: Self.at)
    #expect {
      _ = try template.evaluate(in: Self.environment)
    } throws: { error in
      guard let error = error as? ExpressionError else { return false }
      #expect(error.message == message)
      #expect(error.location.column == column)
      return true
    }
  }

  @Test func explainsEachPart() throws {
    let expression = try Expression("steps.info.status == 3 && len(inputs.tags) > 1", at: Self.at)
    #expect(
      expression.explain(in: Self.environment) == [
        "steps.info.status == 3 && len(inputs.tags) > 1 → false",
        "  steps.info.status == 3 → false",
        "    steps.info.status → 2",
        "  len(inputs.tags) > 1 → true",
        "    len(inputs.tags) → 2",
        "      inputs.tags → [\"a\",\"b\"]",
      ])
  }

  @Test func explainShowsErrors() throws {
    let expression = try Expression("response.status > 'x'", at: Self.at)
    #expect(
      expression.explain(in: Self.environment) == [
        "response.status > 'x' → error: '>' compares two numbers or two strings, not an integer and a string",
        "  response.status → 3",
      ])
  }

  @Test func truthiness() {
    #expect(!JSONValue.null.isTruthy)
    #expect(!JSONValue.int(0).isTruthy)
    #expect(!JSONValue.string("").isTruthy)
    #expect(JSONValue.string("false").isTruthy)
    #expect(JSONValue.object([:]).isTruthy)
  }
}
