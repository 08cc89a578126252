import Synchronization

/// What one bulk row's calls did so far: the line, the last status and the attempts, and which
/// state-changing endpoints it sent (for reconciling after a resume).
final class RowTrace: Sendable {
  let line: Int
  private let state = Mutex<(status: Int?, attempts: Int, sent: [String: Int], unknown: [(Int64, String)])>(
    (nil, 0, [:], []))

  private let failedCheck = Mutex<String?>(nil)

  init(line: Int) {
    self.line = line
  }

  func answered(status: Int, attempts: Int) {
    state.withLock {
      $0.status = status
      $0.attempts += attempts
    }
  }

  /// A state-changing call to `endpointID` was sent and answered `status`.
  func sent(_ endpointID: String, status: Int) {
    state.withLock { $0.sent[endpointID] = status }
  }

  /// A state-changing call got no answer it could be judged by (504, lost connection): the row
  /// is run again from its start, so its read of the state decides.
  func unknown(effect: Int64, endpointID: String) {
    state.withLock { $0.unknown.append((effect, endpointID)) }
  }

  /// The unknown effects so far, forgetting them; and forgets what was sent, for the next attempt.
  func takeUnknown() -> [(id: Int64, endpointID: String)] {
    state.withLock { state in
      let unknown = state.unknown.map { (id: $0.0, endpointID: $0.1) }
      state.unknown = []
      state.sent = [:]
      return unknown
    }
  }

  /// A `check` in the row failed (it fails its step, not at once the row's other steps): the row
  /// ends failed with the first such message.
  func checkFailed(_ message: String) {
    failedCheck.withLock { if $0 == nil { $0 = message } }
  }

  var failedCheckMessage: String? { failedCheck.withLock { $0 } }

  var status: Int? { state.withLock { $0.status } }
  var attempts: Int { state.withLock { $0.attempts } }
  var sent: [String: Int] { state.withLock { $0.sent } }
}
