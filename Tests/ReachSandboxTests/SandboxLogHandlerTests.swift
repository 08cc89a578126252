import Logging
import Synchronization
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

  /// What the handler writes, kept.
  final class Written: TextOutputStream, Sendable {
    private let text = Mutex("")
    var value: String { text.withLock { $0 } }
    func write(_ string: String) { text.withLock { $0 += string } }
  }

  /// A sender's escape sequences and line breaks, in the message, the handler's metadata or the
  /// message's own metadata, are written inert: one line, no ESC.
  @Test func everythingWrittenIsInert() {
    let written = Written()
    var logger = Logger(label: "test") { SandboxLogHandler(label: $0, stream: written) }
    logger[metadataKey: "path"] = "/a\u{1B}]0;title\u{07}"
    logger.warning("got \u{1B}[2J", metadata: ["webhook": "http://x/\r\nforged row"])
    let text = written.value
    #expect(!text.contains("\u{1B}"))
    #expect(!text.contains("\r"))
    #expect(text.filter { $0 == "\n" }.count == 1)
    #expect(text.contains("forged row"))
  }
}
