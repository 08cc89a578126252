public import Foundation
import GRDB
public import ReachCatalogue

/// The run journal: a SQLite file (WAL, mode 0600) that records runs, their steps and rows, and
/// for every state-changing call an intent written before it is sent and its outcome after, so a
/// run can resume after a crash without repeating an effect.
public final class RunJournal: Sendable {
  public static let defaultPath = ".reach/journal.sqlite"

  let writer: any DatabaseWriter
  /// Where the `queue…` writes go: many tasks' writes in one commit.
  let group: GroupCommit
  let now: @Sendable () -> Date
  public let path: String?
  /// The run's masker: every text and value is masked through it before it is written, so no
  /// secret it knows (inputs, steps, rows, effects, messages) reaches the file.
  public let masker: SecretMasker

  /// Opens (creating if needed) the journal at `path`, with its folder, mode 0600 and migrations.
  public init(
    path: String, now: @escaping @Sendable () -> Date = { Date() }, masker: SecretMasker = SecretMasker()
  ) throws {
    do {
      try PrivateFile.prepare(path)
    } catch {
      throw JournalError.cannotCreate(path)
    }
    var configuration = Configuration()
    configuration.busyMode = .timeout(5)
    let writer = try DatabasePool(path: path, configuration: configuration)
    self.writer = writer
    self.group = GroupCommit(writer: writer)
    self.now = now
    self.path = path
    self.masker = masker
    do {
      try RunJournal.migrator.migrate(writer)
    } catch {
      // Another process (a second `reach`, `reach runs`) opened the same file at this moment
      // and applied the migration first: its commit is what made this one fail. Look again.
      try RunJournal.migrator.migrate(writer)
    }
  }

  /// The SQLite journal mode in force (`wal` for a file journal).
  public func journalMode() throws -> String {
    try writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
  }

  /// Named, append-only migrations, run when the journal opens.
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1: runs, steps, rows, effects, customers") { db in
      try db.create(table: "run") { t in
        t.primaryKey("id", .text)
        t.column("playbookPath", .text).notNull()
        t.column("playbookHash", .text).notNull()
        t.column("target", .text).notNull()
        t.column("inputs", .text).notNull()
        t.column("user", .text).notNull()
        t.column("startedAt", .datetime).notNull()
        t.column("finishedAt", .datetime)
        t.column("outcome", .text).notNull()
        t.column("message", .text)
      }
      try db.create(table: "step") { t in
        t.autoIncrementedPrimaryKey("id")
        t.belongsTo("run", onDelete: .cascade).notNull()
        t.column("path", .text).notNull()
        t.column("outcome", .text).notNull()
        t.column("startedAt", .datetime).notNull()
        t.column("durationMs", .integer).notNull()
        t.column("attempts", .integer).notNull()
        t.column("message", .text)
        t.column("extracted", .text)
      }
      try db.create(table: "row") { t in
        t.belongsTo("run", onDelete: .cascade).notNull()
        t.column("line", .integer).notNull()
        t.column("key", .text).notNull()
        t.column("outcome", .text).notNull()
        t.column("reason", .text)
        t.column("httpStatus", .integer)
        t.column("attempts", .integer).notNull()
        t.column("updatedAt", .datetime).notNull()
        t.primaryKey(["runId", "line"])
      }
      try db.create(table: "effect") { t in
        t.autoIncrementedPrimaryKey("id")
        t.belongsTo("run", onDelete: .cascade).notNull()
        t.column("line", .integer)
        t.column("step", .text).notNull()
        t.column("endpointId", .text).notNull()
        t.column("customerId", .text)
        t.column("request", .text).notNull()
        t.column("state", .text).notNull()
        t.column("httpStatus", .integer)
        t.column("createdAt", .datetime).notNull()
        t.column("updatedAt", .datetime).notNull()
      }
      try db.create(index: "effect_by_run_state", on: "effect", columns: ["runId", "state"])
      try db.create(table: "customer") { t in
        t.primaryKey("customerId", .text)
        t.column("clientAccountId", .text)
        t.column("runId", .text).notNull()
        t.column("learnedAt", .datetime).notNull()
      }
    }
    migrator.registerMigration("v2: how long each row took") { db in
      try db.alter(table: "row") { t in t.add(column: "durationMs", .integer) }
    }
    migrator.registerMigration("v3: the directory a run started in") { db in
      try db.alter(table: "run") { t in t.add(column: "directory", .text) }
    }
    return migrator
  }
}

public enum JournalError: Error, Sendable, CustomStringConvertible {
  case cannotCreate(String)
  case unknownRun(String)

  public var description: String {
    switch self {
    case .cannotCreate(let path): return "cannot create the journal at \(path)"
    case .unknownRun(let id): return "no run '\(id)' in the journal; `reach runs list` shows the runs"
    }
  }
}
