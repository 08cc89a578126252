import ReachCatalogue
import Testing

/// The one JSON writer: compact and deterministic, and what it writes reads back.
@Suite("JSON writer")
struct JSONWriterTests {
  @Test(arguments: [
    (JSONValue.null, "null"), (.bool(true), "true"), (.int(-42), "-42"), (.int(Int.min), "\(Int.min)"),
    (.double(2.5), "2.5"), (.double(3), "3"), (.double(-0.0), "0"), (.double(1e20), "1e+20"),
    (.double(.infinity), "null"), (.double(.nan), "null"), (.string(""), #""""#),
    (.string("q\"b\\s/n\n\r\t é 😀 \u{01}"), #""q\"b\\s/n\n\r\t é 😀 \u0001""#), (.array([]), "[]"),
    (.object([:]), "{}"),
    (
      JSONValue.object(["z": 1, "a": ["b": [], "a": "x"], "Mid": -0.25]), #"{"Mid":-0.25,"a":{"a":"x","b":[]},"z":1}"#
    ),
  ])
  func writesCompactSortedText(_ value: JSONValue, _ text: String) throws {
    #expect(value.jsonText() == text)
    #expect(value.jsonBytes() == Array(text.utf8))
    if case .double(let d) = value, !d.isFinite { return }
    #expect(try JSONParser.parse(bytes: value.jsonBytes()) == (try JSONParser.parse(text)))
  }

  @Test func prettyIndentsTwoSpaces() {
    let value: JSONValue = ["b": [1, ["c": true]], "a": [:], "e": []]
    #expect(
      value.jsonText(pretty: true)
        == "{\n  \"a\": {},\n  \"b\": [\n    1,\n    {\n      \"c\": true\n    }\n  ],\n  \"e\": []\n}")
  }
}
