import Foundation
import ReachCatalogue
import Testing

@Suite("JSON parser")
struct JSONParserTests {
  /// The parser agrees with `JSONDecoder` on what JSONValue a body holds.
  @Test(arguments: [
    #"{"customerId":"CUST000001","reasonCode":"bench"}"#,
    #" { "a" : [1, -2, 3.5, 1e3, 2.0, -0.25E-2, true, false, null, {}, []] , "b": {"c": "d"} } "#,
    #"{"s":"q\"b\\s\/n\n t\t u\u00e9 \ud83d\ude00 é"}"#,
    #"[]"#, #""text""#, #"0"#, #"-12"#, #"123456789012"#, "1.0", "1e2", "-0", "0.1", "true", "null",
    #"{"status":409,"message":"cannot suspend","errors":[{"message":"x"}]}"#,
  ])
  func agreesWithJSONDecoder(_ text: String) throws {
    let expected = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    #expect(try JSONParser.parse(text) == expected)
  }

  @Test(arguments: [
    "", "{", "}", #"{"a"}"#, #"{"a":1,}"#, "[1,]", "01", "1.", "1e", "-", "tru", "nul", #""a"#, #"{"a":1} x"#,
    #""\x""#, #""\ud800""#, "\"a\u{01}b\"", ".5", "+1",
  ])
  func rejectsInvalidJSON(_ text: String) {
    #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(text) }
  }
}
