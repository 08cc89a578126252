import Dispatch
import Foundation

/// Ctrl-C and SIGTERM handling for a long run: the first SIGINT or SIGTERM calls `handler` (which
/// stops the run gracefully); the default action (exit) comes back once the handler is cancelled.
final class Interrupt: @unchecked Sendable {
  /// The signals that stop a run: Ctrl-C, and `kill` (or a CI job's timeout).
  static let signals = [SIGINT, SIGTERM]

  // Set once in init; DispatchSource is thread-safe.
  private let sources: [any DispatchSourceSignal]

  private init(sources: [any DispatchSourceSignal]) {
    self.sources = sources
  }

  static func onInterrupt(_ handler: @escaping @Sendable () -> Void) -> Interrupt {
    let sources = signals.map { number in
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler(handler: handler)
      source.resume()
      return source
    }
    return Interrupt(sources: sources)
  }

  func cancel() {
    for source in sources { source.cancel() }
    for number in Self.signals { signal(number, SIG_DFL) }
  }
}
