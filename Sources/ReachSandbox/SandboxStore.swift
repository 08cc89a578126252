import Foundation
import GRDB
import NIOPosix
import ReachCatalogue

/// `--state PATH`: the sandbox's state in a SQLite file (WAL), so customers, lines, transactions,
/// cards, bills, the audit log and the work still pending survive a restart. Each request's
/// changes are written in one transaction before its answer goes out.
public final class SandboxStore: Sendable {
  public let path: String
  let queue: DatabaseQueue
  /// What the file held when it was opened, decoded.
  let restored: SandboxRestored
  /// The sandbox time the state had reached when it was last saved; nil for a new file.
  public let savedClock: SandboxTime?

  /// Opens (creating if needed) the state file at `path` and reads what it holds.
  public init(path: String) throws(SandboxStoreError) {
    self.path = path
    let snapshot: SandboxSnapshot
    do {
      // The state holds card numbers and PINs: the file and its -wal and -shm are the owner's alone.
      try PrivateFile.prepare(path)
      var configuration = Configuration()
      configuration.busyMode = .timeout(5)
      configuration.prepareDatabase { db in
        try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL")
      }
      queue = try DatabaseQueue(path: path, configuration: configuration)
      try Self.migrator.migrate(queue)
      snapshot = try queue.read(SandboxSnapshot.read)
    } catch let error as DecodingError {
      throw .unreadable(path: path, reason: "a record does not decode (\(error)); start with a new file")
    } catch {
      throw .unreadable(path: path, reason: "\(error)")
    }
    restored = try SandboxRestored(snapshot, path: path)
    savedClock = snapshot.clock
  }

  /// The SQLite journal mode in force (`wal`).
  public func journalMode() throws -> String {
    try queue.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
  }

  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1: records, audit, meta") { db in
      try db.execute(
        sql: """
          CREATE TABLE record (kind TEXT NOT NULL, id TEXT NOT NULL, body BLOB NOT NULL, PRIMARY KEY (kind, id))
            WITHOUT ROWID;
          CREATE TABLE audit (sequence INTEGER PRIMARY KEY, body BLOB NOT NULL);
          CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;
          """)
    }
    return migrator
  }

  /// Writes one request's changes in one transaction. A synchronous SQLite write: never on a NIO
  /// event loop, whose other connections would wait on the disk (the state's actor runs on Swift's
  /// default executor).
  func save(_ changes: SandboxChanges) throws {
    assert(MultiThreadedEventLoopGroup.currentEventLoop == nil, "the sandbox's state file written on an event loop")
    let encoder = JSONEncoder()
    try queue.write { db in
      let upsert = try db.cachedStatement(sql: "INSERT OR REPLACE INTO record (kind, id, body) VALUES (?, ?, ?)")
      let delete = try db.cachedStatement(sql: "DELETE FROM record WHERE kind = ? AND id = ?")
      for record in changes.records {
        if let body = record.body {
          try upsert.execute(arguments: [record.kind.rawValue, record.id, body])
        } else {
          try delete.execute(arguments: [record.kind.rawValue, record.id])
        }
      }
      let audit = try db.cachedStatement(sql: "INSERT OR REPLACE INTO audit (sequence, body) VALUES (?, ?)")
      for entry in changes.audit { try audit.execute(arguments: [entry.sequence, try encoder.encode(entry)]) }
      let meta = try db.cachedStatement(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)")
      for (key, value) in changes.meta { try meta.execute(arguments: [key, value]) }
    }
  }
}

/// The kinds of record the state file holds, one table row each.
enum SandboxRecordKind: String, Sendable, CaseIterable {
  case customer, purchase, card, cardLink, bill, planChange, job, otp, topup, shipment
  case ildAccount, quote, irPurchase, dataMeter
}

/// What one request changed: records (a nil body: removed), new audit entries, counters.
struct SandboxChanges: Sendable {
  var records: [(kind: SandboxRecordKind, id: String, body: Data?)] = []
  var audit: [AuditEntry] = []
  var meta: [(String, String)] = []

  var isEmpty: Bool { records.isEmpty && audit.isEmpty && meta.isEmpty }
}

/// Everything a state file held when it was opened.
struct SandboxSnapshot: Sendable {
  var records: [SandboxRecordKind: [String: Data]] = [:]
  /// The most recent audit entries (`SandboxOptions.defaultAuditKept` at most), oldest first.
  var audit: [AuditEntry] = []
  /// The number of the last audit entry.
  var auditSequence = 0
  var meta: [String: String] = [:]

  static func read(_ db: Database) throws -> SandboxSnapshot {
    var snapshot = SandboxSnapshot()
    let rows = try Row.fetchCursor(db, sql: "SELECT kind, id, body FROM record")
    while let row = try rows.next() {
      guard let kind = SandboxRecordKind(rawValue: row["kind"]) else { continue }
      snapshot.records[kind, default: [:]][row["id"]] = row["body"]
    }
    let decoder = JSONDecoder()
    let audit = try Row.fetchCursor(
      db, sql: "SELECT body FROM (SELECT sequence, body FROM audit ORDER BY sequence DESC LIMIT ?) ORDER BY sequence",
      arguments: [SandboxOptions.defaultAuditKept])
    while let row = try audit.next() { snapshot.audit.append(try decoder.decode(AuditEntry.self, from: row["body"])) }
    snapshot.auditSequence = try Int.fetchOne(db, sql: "SELECT MAX(sequence) FROM audit") ?? 0
    for row in try Row.fetchAll(db, sql: "SELECT key, value FROM meta") { snapshot.meta[row["key"]] = row["value"] }
    return snapshot
  }

  /// The records of one kind, decoded.
  func decoded<Value: Decodable>(_ kind: SandboxRecordKind, as type: Value.Type) throws -> [String: Value] {
    let decoder = JSONDecoder()
    var values: [String: Value] = [:]
    for (id, body) in records[kind] ?? [:] { values[id] = try decoder.decode(type, from: body) }
    return values
  }

  /// The sandbox time the state had reached when it was last saved.
  var clock: SandboxTime? { meta["clock"].flatMap(Double.init).map(SandboxTime.init(seconds:)) }
}

public enum SandboxStoreError: Error, Hashable, CustomStringConvertible {
  case unreadable(path: String, reason: String)
  case unwritable(path: String, reason: String)

  public var description: String {
    switch self {
    case .unreadable(let path, let reason):
      return "cannot open the sandbox state file \(path): \(reason)"
    case .unwritable(let path, let reason):
      return "cannot save the sandbox state to \(path): \(reason); check the disk and the file's permissions"
    }
  }
}
