/// The sandbox's audit log (`GET /__sandbox/audit`): each state-changing request it accepted,
/// numbered from 1. Memory keeps the most recent `kept` entries (100,000 by default, some 25 MB;
/// an assumption of ours, so that a long rehearsal against `reach sandbox serve` stays flat);
/// with a state file every entry is also saved there, and a restart reads the most recent back.
struct AuditLog: Sendable {
  /// The most recent entries, oldest first.
  private(set) var entries: [AuditEntry] = []
  /// The number of the last entry recorded (0: none yet).
  private(set) var sequence = 0
  /// The number of the last entry saved to the state file.
  private var saved = 0
  let kept: Int
  /// Whether entries are saved to a state file: those not yet saved are never dropped.
  let persisted: Bool

  /// - Parameters:
  ///   - restored: The most recent entries a state file held, oldest first.
  ///   - sequence: The number of the last entry the state file held.
  init(
    kept: Int = SandboxOptions.defaultAuditKept, persisted: Bool = false, restored: [AuditEntry] = [], sequence: Int = 0
  ) {
    self.kept = max(1, kept)
    self.persisted = persisted
    self.sequence = max(sequence, restored.last?.sequence ?? 0)
    saved = self.sequence
    entries = Array(restored.suffix(self.kept))
  }

  /// Entries recorded before the oldest kept in memory.
  var omitted: Int { sequence - entries.count }

  /// Entries recorded since the last `markSaved()`.
  var unsaved: [AuditEntry] { Array(entries.suffix(sequence - saved)) }

  mutating func markSaved() { saved = sequence }

  mutating func record(
    time: String, method: String, path: String, endpointID: String, customerId: String?, outcome: String
  ) {
    sequence += 1
    entries.append(
      AuditEntry(
        sequence: sequence, time: time, method: method, path: path, endpointID: endpointID, customerId: customerId,
        outcome: outcome))
    // Trimmed a quarter at a time, so that recording stays cheap.
    guard entries.count > kept + kept / 4 else { return }
    let pinned = persisted ? sequence - saved : 0
    let drop = entries.count - max(kept, pinned)
    if drop > 0 { entries.removeFirst(drop) }
  }
}
