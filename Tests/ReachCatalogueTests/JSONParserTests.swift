import Foundation
import ReachCatalogue
import Testing

@Suite("JSON parser")
struct JSONParserTests {
  /// What JSON text holds, as a JSONValue.
  @Test(arguments: [
    #"{"customerId":"CUST000001","reasonCode":"bench"}"#,
    #" { "a" : [1, -2, 3.5, 1e3, 2.0, -0.25E-2, true, false, null, {}, []] , "b": {"c": "d"} } "#,
    #"{"s":"q\"b\\s\/n\n t\t u\u00e9 \ud83d\ude00 é"}"#,
    #"[]"#, #""text""#, #"0"#, #"-12"#, #"123456789012"#, "1.0", "1e2", "-0", "0.1", "true", "null",
    #"{"status":409,"message":"cannot suspend","errors":[{"message":"x"}]}"#,
  ])
  func readsEveryKindOfValue(_ text: String) throws {
    let expected = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    #expect(try JSONParser.parse(text) == expected)
  }

  @Test func wholeNumbersAreIntegersAndOthersFractions() throws {
    #expect(try JSONParser.parse(#"[1, 1.0, 1e2, 0.5, -3, 123456789012]"#) == [1, 1, 100, 0.5, -3, 123_456_789_012])
    #expect(try JSONParser.parse(#"{"s":"q\"b\\s\/n\n\u00e9 \ud83d\ude00"}"#) == ["s": "q\"b\\s/n\né 😀"])
  }

  /// Nesting far past any real body is a refusal, not a stack overflow (issue 20).
  @Test func deepNestingIsRefused() {
    for (open, close) in [("[", "]"), (#"{"a":"#, "}")] {
      let text = String(repeating: open, count: 100_000) + "1" + String(repeating: close, count: 100_000)
      #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(text) }
    }
  }

  @Test(arguments: [
    "", "{", "}", #"{"a"}"#, "01", "1.", "1e", "-", "tru", "nul", #""a"#, #"{"a":1} x"#,
    #""\x""#, #""\ud800""#, "\"a\u{01}b\"", ".5", "+1",
  ])
  func rejectsInvalidJSON(_ text: String) {
    #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(text) }
  }
}
