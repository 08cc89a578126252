import Dispatch
import Foundation

/// Ctrl-C handling for a long run: the first SIGINT calls `handler` (which stops the run
/// gracefully); the default action (exit) comes back once the handler is cancelled.
final class Interrupt: @unchecked Sendable {
  // Set once in init; DispatchSource is thread-safe.
  private let source: any DispatchSourceSignal

  private init(source: any DispatchSourceSignal) {
    self.source = source
  }

  static func onSIGINT(_ handler: @escaping @Sendable () -> Void) -> Interrupt {
    signal(SIGINT, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    source.setEventHandler(handler: handler)
    source.resume()
    return Interrupt(source: source)
  }

  func cancel() {
    source.cancel()
    signal(SIGINT, SIG_DFL)
  }
}
