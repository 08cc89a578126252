public import Logging
import ReachCatalogue

/// The standalone sandbox's log handler: `StreamLogHandler` on stderr, except that metadata is
/// rendered only when a message is written. Hummingbird's `Application` sets a request id on its
/// logger for every request, and `StreamLogHandler` renders all its metadata to text on each set:
/// about 3% of the sandbox's CPU for messages that, at the usual `.warning` level, are never
/// written. What it writes, the handler's metadata and each message's own, is made inert for the terminal (``TerminalText/field(_:)``): a
/// request's path or body is the sender's.
public struct SandboxLogHandler: LogHandler {
  private var stream: StreamLogHandler
  public var metadata: Logger.Metadata = [:]

  public init(label: String) { stream = StreamLogHandler.standardError(label: label) }

  /// Writing to `stream` instead of standard error: what the tests read.
  init(label: String, stream: any TextOutputStream & Sendable) {
    self.stream = StreamLogHandler(label: label, stream: stream)
  }

  public var logLevel: Logger.Level {
    get { stream.logLevel }
    set { stream.logLevel = newValue }
  }

  public var metadataProvider: Logger.MetadataProvider? {
    get { stream.metadataProvider }
    set { stream.metadataProvider = newValue }
  }

  public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  public func log(event: LogEvent) {
    var stream = stream
    stream.metadata = metadata.mapValues { .string(TerminalText.field($0.description)) }
    var event = event
    event.message = "\(TerminalText.field(event.message.description))"
    // A message's own metadata is the caller's too, and may carry a sender's text.
    event.metadata = event.metadata?.mapValues { .string(TerminalText.field($0.description)) }
    stream.log(event: event)
  }
}
