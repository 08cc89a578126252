public import Foundation
import GRDB
import ReachCatalogue

/// The receiver's durable store: SQLite in WAL mode with full synchronous commits, so an event
/// is on disk before its 200 goes out and survives a kill -9 or a power cut. A unique key makes
/// every insert idempotent.
public final class WebhookStore: Sendable {
  public static let defaultPath = ".reach/webhooks.sqlite"
  let pool: DatabasePool
  public let path: String

  public init(path: String) throws {
    // Events carry customers' data: the store, and its -wal and -shm, are the owner's alone.
    try PrivateFile.prepare(path)
    var configuration = Configuration()
    configuration.busyMode = .timeout(10)
    configuration.prepareDatabase { db in
      try db.execute(sql: "PRAGMA synchronous = FULL")
    }
    pool = try DatabasePool(path: path, configuration: configuration)
    self.path = path
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1: events") { db in
      try db.create(table: "event") { t in
        t.autoIncrementedPrimaryKey("sequence")
        t.column("key", .text).notNull().unique()
        t.column("kind", .text).notNull()
        t.column("type", .text).notNull()
        t.column("known", .boolean).notNull()
        t.column("transactionId", .text)
        t.column("customerId", .text)
        t.column("receivedAt", .datetime).notNull()
        t.column("body", .text).notNull()
        t.column("forwardedAt", .datetime)
        t.column("forwardAttempts", .integer).notNull().defaults(to: 0)
      }
      try db.create(index: "event_by_type", on: "event", columns: ["type", "receivedAt"])
    }
    try migrator.migrate(pool)
  }

  /// Stores `event` unless one with its key is already stored. Returns the stored event's
  /// sequence and whether it was new. Committed before it returns.
  public func insert(_ event: WebhookEvent) throws -> (sequence: Int64, isNew: Bool) {
    try pool.write { db in
      try db.execute(
        sql: """
          INSERT OR IGNORE INTO event (key, kind, type, known, transactionId, customerId, receivedAt, body)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          event.key, event.kind.rawValue, event.type, event.known, event.transactionId, event.customerId,
          event.receivedAt, event.body.jsonText(),
        ])
      let isNew = db.changesCount == 1
      let sequence = try Int64.fetchOne(db, sql: "SELECT sequence FROM event WHERE key = ?", arguments: [event.key])!
      return (sequence, isNew)
    }
  }

  /// Events, oldest first, optionally of one type and since a time.
  public func events(type: String? = nil, since: Date? = nil, afterSequence: Int64 = 0, limit: Int = 10_000) throws
    -> [WebhookEvent]
  {
    try pool.read { db in
      var sql = "SELECT * FROM event WHERE sequence > ?"
      var arguments: StatementArguments = [afterSequence]
      if let type {
        sql += " AND type = ?"
        _ = arguments.append(contentsOf: [type])
      }
      if let since {
        sql += " AND receivedAt >= ?"
        _ = arguments.append(contentsOf: [since])
      }
      sql += " ORDER BY sequence LIMIT ?"
      _ = arguments.append(contentsOf: [limit])
      return try Row.fetchAll(db, sql: sql, arguments: arguments).map(WebhookStore.event)
    }
  }

  /// Events not yet relayed to the brand's application, oldest first.
  public func unforwarded(limit: Int = 100) throws -> [WebhookEvent] {
    try pool.read { db in
      try Row.fetchAll(
        db, sql: "SELECT * FROM event WHERE forwardedAt IS NULL ORDER BY sequence LIMIT ?", arguments: [limit]
      ).map(WebhookStore.event)
    }
  }

  public func markForwarded(_ sequence: Int64, at date: Date) throws {
    try pool.write { db in
      try db.execute(
        sql: "UPDATE event SET forwardedAt = ?, forwardAttempts = forwardAttempts + 1 WHERE sequence = ?",
        arguments: [date, sequence])
    }
  }

  public func noteForwardAttempt(_ sequence: Int64) throws {
    try pool.write { db in
      try db.execute(
        sql: "UPDATE event SET forwardAttempts = forwardAttempts + 1 WHERE sequence = ?", arguments: [sequence])
    }
  }

  /// The sequence of the newest event, 0 when there is none.
  public func latestSequence() throws -> Int64 {
    try pool.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(sequence) FROM event") ?? 0 }
  }

  public func count() throws -> Int {
    try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event") ?? 0 }
  }

  static func event(_ row: Row) -> WebhookEvent {
    let text: String = row["body"]
    let body = (try? JSONParser.parse(bytes: text.utf8)) ?? .string(text)
    return WebhookEvent(
      sequence: row["sequence"], key: row["key"], kind: WebhookKind(rawValue: row["kind"]) ?? .notification,
      type: row["type"], known: row["known"], transactionId: row["transactionId"], customerId: row["customerId"],
      receivedAt: row["receivedAt"], body: body, forwardedAt: row["forwardedAt"])
  }
}
