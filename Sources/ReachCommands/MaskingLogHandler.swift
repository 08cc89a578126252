import Logging
import ReachCatalogue

/// The process's swift-log handler: swift-log's stderr stream, with each message and metadata
/// value masked through the process's masker (`Console.masker`) before it is written.
struct MaskingLogHandler: LogHandler {
  private var stream: StreamLogHandler
  let masker: SecretMasker

  init(label: String, masker: SecretMasker) {
    stream = StreamLogHandler.standardError(label: label)
    self.masker = masker
  }

  var logLevel: Logger.Level {
    get { stream.logLevel }
    set { stream.logLevel = newValue }
  }

  var metadata: Logger.Metadata {
    get { stream.metadata }
    set { stream.metadata = newValue }
  }

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { stream[metadataKey: key] }
    set { stream[metadataKey: key] = newValue }
  }

  func log(event: LogEvent) {
    var event = event
    event.message = "\(masker.mask(event.message.description))"
    event.metadata = event.metadata?.mapValues { .string(masker.mask($0.description)) }
    stream.log(event: event)
  }
}
