import Logging
import ReachCatalogue
import Testing

@testable import ReachCommands

/// What libraries log reads like the console (issue 19, item 8), masked.
@Suite struct ConsoleLogTests {
  func event(_ level: Logger.Level, _ message: Logger.Message, _ metadata: Logger.Metadata? = nil) -> LogEvent {
    LogEvent(
      level: level, message: message, metadata: metadata, source: "ReachClient", file: #fileID, function: #function,
      line: #line)
  }

  @Test func aNoticeIsAConsoleLineWithoutTimestampOrLabel() {
    let handler = MaskingLogHandler(label: "reach.client", masker: SecretMasker())
    let line = handler.line(for: event(.notice, "retrying 'customer.get' in 2.0 seconds after HTTP 503"))
    #expect(line == "reach: retrying 'customer.get' in 2.0 seconds after HTTP 503")
  }

  @Test func aWarningIsNamedAndMetadataFollowsInOrder() {
    var handler = MaskingLogHandler(label: "reach.sandbox", masker: SecretMasker())
    handler[metadataKey: "z"] = "last"
    let line = handler.line(for: event(.warning, "callback not delivered", ["url": "http://127.0.0.1:1/x"]))
    #expect(line == "reach: warning: callback not delivered (url=http://127.0.0.1:1/x, z=last)")
    #expect(handler.line(for: event(.critical, "gone")) == "reach: error: gone (z=last)")
    handler[metadataKey: "z"] = nil
    #expect(handler.line(for: event(.debug, "sent")) == "reach: debug [reach.sandbox]: sent")
  }

  @Test func messageAndMetadataAreMasked() {
    let masker = SecretMasker()
    let secret = "canary-" + String(UInt64.random(in: 1_000_000...9_999_999))
    masker.register(secret)
    let handler = MaskingLogHandler(label: "reach.client", masker: masker)
    let line = handler.line(for: event(.notice, "token \(secret)", ["key": "\(secret)"]))
    #expect(!line.contains(secret))
    #expect(line.contains(SecretMasker.mask))
  }
}
