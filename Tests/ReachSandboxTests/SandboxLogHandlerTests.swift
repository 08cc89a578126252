import Logging
import Testing

@testable import ReachSandbox

/// The sandbox's log handler: reading and writing metadata behaves as a plain dictionary would,
/// whatever the order of the changes, by key or as a whole.
@Suite("Sandbox log handler metadata")
struct SandboxLogHandlerTests {
  @Test func metadataBehavesAsADictionary() {
    var handler = SandboxLogHandler(label: "test")
    var expected: Logger.Metadata = [:]
    let changes: [(String, Logger.Metadata.Value?)] = [
      ("hb.request.id", "1"), ("hb.request.id", "2"), ("route", "a"), ("hb.request.id", nil), ("other", "x"),
      ("route", nil), ("hb.request.id", "3"), ("other", nil), ("hb.request.id", nil), ("late", "y"),
    ]
    for (key, value) in changes {
      handler[metadataKey: key] = value
      expected[key] = value
      #expect(handler.metadata == expected, "after setting \(key)")
      for name in ["hb.request.id", "route", "other", "late"] {
        #expect(handler[metadataKey: name] == expected[name], "\(name) after setting \(key)")
      }
    }
    handler.metadata = ["a": "1", "b": "2"]
    handler[metadataKey: "c"] = "3"
    #expect(handler.metadata == ["a": "1", "b": "2", "c": "3"])
    handler.metadata = [:]
    handler[metadataKey: "d"] = "4"
    #expect(handler.metadata == ["d": "4"])
  }
}
