import ReachCatalogue
import Testing

@testable import ReachSandbox

@Suite("Request body")
struct RequestBodyTests {
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
