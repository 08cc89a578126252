import Foundation
import ReachCatalogue
import Testing

@testable import ReachSandbox

@Suite("Request body parser")
struct JSONBodyParserTests {
  /// The parser agrees with `JSONDecoder` on what JSONValue a body holds.
  @Test(arguments: [
    #"{"customerId":"CUST000001","reasonCode":"bench"}"#,
    #" { "a" : [1, -2, 3.5, 1e3, 2.0, -0.25E-2, true, false, null, {}, []] , "b": {"c": "d"} } "#,
    #"{"s":"q\"b\\s\/n\n t\t u\u00e9 \ud83d\ude00 é"}"#,
    #"[]"#, #""text""#, #"0"#, #"-12"#, #"123456789012"#,
  ])
  func agreesWithJSONDecoder(_ text: String) throws {
    let expected = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    #expect(try JSONBodyParser.parse(text) == expected)
  }

  @Test(arguments: [
    "", "{", "}", #"{"a"}"#, #"{"a":1,}"#, "[1,]", "01", "1.", "1e", "-", "tru", "nul", #""a"#, #"{"a":1} x"#,
    #""\x""#, #""\ud800""#, "\"a\u{01}b\"", ".5", "+1",
  ])
  func rejectsInvalidJSON(_ text: String) {
    #expect(throws: JSONBodyParser.Failure.self) { try JSONBodyParser.parse(text) }
  }

  /// A request body read as bytes: only JSON whitespace is no body; anything else must be JSON.
  @Test func requestBodyBytes() throws {
    #expect(try RequestArguments.parseBody(Array("".utf8)) == nil)
    #expect(try RequestArguments.parseBody(Array(" \r\n\t".utf8)) == nil)
    #expect(try RequestArguments.parseBody(Array(" {\"customerId\":\"C1\"}\n".utf8)) == ["customerId": "C1"])
    for text in ["\u{A0}", "{", "x"] {
      #expect(throws: SandboxError.self) { try RequestArguments.parseBody(Array(text.utf8)) }
    }
  }
}
