public import Logging

/// The standalone sandbox's log handler: `StreamLogHandler` on stderr, except that metadata is
/// rendered only when a message is written. Hummingbird sets a request id on its logger for every
/// request, and `StreamLogHandler` renders all its metadata to text on each set: about 3% of the
/// sandbox's CPU for messages that, at the usual `.warning` level, are never written.
public struct SandboxLogHandler: LogHandler {
  private var stream: StreamLogHandler
  /// The one key most loggers ever get (Hummingbird's request id), held without a dictionary: a
  /// dictionary of one entry is an allocation on every request. Never also a key of `others`.
  private var single: (key: String, value: Logger.Metadata.Value)?
  private var others: Logger.Metadata = [:]

  public init(label: String) { stream = StreamLogHandler.standardError(label: label) }

  public var logLevel: Logger.Level {
    get { stream.logLevel }
    set { stream.logLevel = newValue }
  }

  public var metadataProvider: Logger.MetadataProvider? {
    get { stream.metadataProvider }
    set { stream.metadataProvider = newValue }
  }

  public var metadata: Logger.Metadata {
    get {
      guard let single else { return others }
      var all = others
      all[single.key] = single.value
      return all
    }
    set {
      single = nil
      others = newValue
    }
  }

  public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { single?.key == key ? single?.value : others[key] }
    set {
      if single?.key == key {
        single = newValue.map { (key, $0) }
      } else if single == nil, others.isEmpty, let newValue {
        single = (key, newValue)
      } else {
        others[key] = newValue
      }
    }
  }

  public func log(event: LogEvent) {
    var stream = stream
    stream.metadata = metadata
    stream.log(event: event)
  }
}
