import Foundation
import GRDB

extension RunJournal {
  /// Runs, newest first.
  public func runs(limit: Int = 50) throws -> [RunRecord] {
    try writer.read { db in
      try RunRecord.order(Column("startedAt").desc, Column("id").desc).limit(limit).fetchAll(db)
    }
  }

  public func run(_ id: String) throws -> RunRecord {
    guard let run = try writer.read({ db in try RunRecord.fetchOne(db, key: id) }) else {
      throw JournalError.unknownRun(id)
    }
    return run
  }

  public func steps(runId: String) throws -> [StepRecord] {
    try writer.read { db in try StepRecord.filter(Column("runId") == runId).order(Column("id")).fetchAll(db) }
  }

  public func rows(runId: String) throws -> [RowRecord] {
    try writer.read { db in try RowRecord.filter(Column("runId") == runId).order(Column("line")).fetchAll(db) }
  }

  /// How many rows ended each way, counted by the database (a live view reads this often).
  public func rowCounts(runId: String) throws -> [Outcome: Int] {
    try writer.read { db in
      var counts: [Outcome: Int] = [:]
      let rows = try Row.fetchAll(
        db, sql: "SELECT outcome, COUNT(*) AS n FROM row WHERE runId = ? GROUP BY outcome", arguments: [runId])
      for row in rows {
        if let outcome = Outcome(rawValue: row["outcome"]) { counts[outcome] = row["n"] }
      }
      return counts
    }
  }

  /// How many state-changing calls of the run have no known outcome yet.
  public func openEffectCount(runId: String) throws -> Int {
    let open = EffectState.allCases.filter(\.isOpen).map(\.rawValue)
    return try writer.read { db in
      try EffectRecord.filter(Column("runId") == runId && open.contains(Column("state"))).fetchCount(db)
    }
  }

  public func effects(runId: String) throws -> [EffectRecord] {
    try writer.read { db in try EffectRecord.filter(Column("runId") == runId).order(Column("id")).fetchAll(db) }
  }

  /// Effects whose outcome is not known: they must be reconciled by reading state before resuming.
  public func openEffects(runId: String) throws -> [EffectRecord] {
    try effects(runId: runId).filter(\.state.isOpen)
  }

  /// Lines whose row is finished (passed, skipped or failed for good): a resumed run skips them.
  public func finishedLines(runId: String) throws -> Set<Int> {
    try writer.read { db in
      try Set(
        Int.fetchAll(
          db, sql: "SELECT line FROM row WHERE runId = ? AND outcome IN ('passed', 'skipped', 'failed')",
          arguments: [runId]))
    }
  }

  /// Customers learned from purchases, newest first; only those `runId` learned when given.
  public func customers(runId: String? = nil) throws -> [CustomerRecord] {
    try writer.read { db in
      var request = CustomerRecord.order(Column("learnedAt").desc, Column("customerId"))
      if let runId { request = request.filter(Column("runId") == runId) }
      return try request.fetchAll(db)
    }
  }
}
