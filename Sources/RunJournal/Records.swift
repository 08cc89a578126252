public import Foundation
public import GRDB

/// How a run, step or row ended. `invalid`: the run was refused before anything was sent (its
/// playbook or inputs), so there is nothing to resume or to fail.
public enum Outcome: String, Sendable, Codable, CaseIterable {
  case running, passed, failed, skipped, aborted, interrupted, invalid
}

/// One run of a playbook.
public struct RunRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord, TableRecord {
  public static let databaseTableName = "run"
  public var id: String
  public var playbookPath: String
  public var playbookHash: String
  public var target: String
  /// The inputs as JSON text, redacted before they are written.
  public var inputs: String
  public var user: String
  public var startedAt: Date
  public var finishedAt: Date?
  public var outcome: Outcome
  public var message: String?
  /// The directory the run started in (where its `reach.yaml` is looked for on a resume); nil
  /// for runs journaled before it was kept.
  public var directory: String? = nil
}

/// One executed step of a run.
public struct StepRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord, TableRecord {
  public static let databaseTableName = "step"
  public var id: Int64?
  public var runId: String
  public var path: String
  public var outcome: Outcome
  public var startedAt: Date
  public var durationMs: Int
  public var attempts: Int
  public var message: String?
  public var extracted: String?

  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One input row of a bulk run (one line of its CSV).
public struct RowRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord, TableRecord {
  public static let databaseTableName = "row"
  public var runId: String
  public var line: Int
  public var key: String
  public var outcome: Outcome
  public var reason: String?
  public var httpStatus: Int?
  public var attempts: Int
  public var updatedAt: Date
  /// From the row's start to its end (nil for a line refused by the check).
  public var durationMs: Int?
}

/// Where a state-changing call stands: written as an intent before it is sent.
public enum EffectState: String, Sendable, Codable, CaseIterable {
  /// About to be sent: it cannot have happened yet… unless the process died after sending.
  case intent
  /// On the wire with no answer recorded yet.
  case sent
  /// The platform accepted it.
  case confirmed
  /// The platform refused it: no effect.
  case rejected
  /// No answer it could be judged by (504, lost connection): reconcile by reading state.
  case unknown
  /// Reconciled after a crash by reading state: it had happened.
  case reconciledDone
  /// Reconciled after a crash by reading state: it had not happened.
  case reconciledNotDone

  /// Whether the effect needs reconciling before the run goes on.
  public var isOpen: Bool { self == .intent || self == .sent || self == .unknown }
}

/// One state-changing call.
public struct EffectRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord, TableRecord {
  public static let databaseTableName = "effect"
  public var id: Int64?
  public var runId: String
  public var line: Int?
  public var step: String
  public var endpointId: String
  public var customerId: String?
  /// The request's arguments as JSON text, redacted.
  public var request: String
  public var state: EffectState
  public var httpStatus: Int?
  public var createdAt: Date
  public var updatedAt: Date

  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A customer learned from a purchase, kept for reuse (2.5: persist customerId).
public struct CustomerRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord, TableRecord {
  public static let databaseTableName = "customer"
  public var customerId: String
  public var clientAccountId: String?
  public var runId: String
  public var learnedAt: Date
}
