import Foundation
import Logging
import ReachCatalogue

/// The process's swift-log handler. What a library logs (the client's retry notices, the
/// sandbox's delivery failures) reads like the rest of the console, `reach: retrying … in 2 s`
/// rather than swift-log's timestamped default line, goes to stderr, and is masked through the
/// process's masker (`Console.masker`) first, message and metadata alike, then made inert for
/// the terminal as one line (``TerminalText/field(_:)``): a logged value is often a sender's.
struct MaskingLogHandler: LogHandler {
  let label: String
  let masker: SecretMasker
  var logLevel: Logger.Level = .info
  var metadata: Logger.Metadata = [:]

  init(label: String, masker: SecretMasker) {
    self.label = label
    self.masker = masker
  }

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  func log(event: LogEvent) {
    // On a terminal, a progress line may be standing on the last line: clear it first, the
    // progress line is drawn again on its next tick.
    let clear = isatty(STDERR_FILENO) == 1 ? "\r\u{1B}[K" : ""
    FileHandle.standardError.write(Data((clear + line(for: event) + "\n").utf8))
  }

  /// The console line for `event`, masked: `reach: message (key=value, …)`, with the level named
  /// for a warning or worse and the logger's label for debugging levels.
  func line(for event: LogEvent) -> String {
    var text = "reach: "
    switch event.level {
    case .trace, .debug: text += "\(event.level) [\(label)]: "
    case .info, .notice: break
    case .warning, .error, .critical: text += "\(event.level == .critical ? "error" : event.level.rawValue): "
    }
    text += event.message.description
    let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
    if !merged.isEmpty {
      text += " (" + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") + ")"
    }
    return TerminalText.field(masker.mask(text))
  }
}
