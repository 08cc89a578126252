public import Foundation
import GRDB
public import ReachCatalogue

extension RunJournal {
  /// Starts a run; `inputs` named like a sensitive field are masked, and so is every secret the
  /// masker knows, before they are written. (The caller masks the playbook's other secret inputs.)
  public func startRun(
    id: String? = nil, playbookPath: String, playbookHash: String, target: String, inputs: JSONValue,
    user: String, directory: String? = nil
  ) throws -> RunRecord {
    let record = RunRecord(
      id: id ?? RunJournal.newRunID(at: now()), playbookPath: playbookPath, playbookHash: playbookHash,
      target: target, inputs: JournalRedaction.maskInputs(inputs, masker).jsonText(), user: user, startedAt: now(),
      finishedAt: nil, outcome: .running, message: nil, directory: directory)
    try writer.write { db in try record.insert(db) }
    return record
  }

  public func finishRun(_ id: String, outcome: Outcome, message: String? = nil) throws {
    try writer.write { db in
      guard var run = try RunRecord.fetchOne(db, key: id) else { throw JournalError.unknownRun(id) }
      run.outcome = outcome
      run.finishedAt = now()
      run.message = JournalRedaction.mask(message, masker)
      try run.update(db)
    }
  }

  /// Marks a finished or interrupted run as running again (for `--resume`).
  public func reopenRun(_ id: String) throws -> RunRecord {
    try writer.write { db in
      guard var run = try RunRecord.fetchOne(db, key: id) else { throw JournalError.unknownRun(id) }
      run.outcome = .running
      run.finishedAt = nil
      try run.update(db)
      return run
    }
  }

  @discardableResult
  public func recordStep(
    runId: String, path: String, outcome: Outcome, startedAt: Date, durationMs: Int, attempts: Int,
    message: String? = nil, extracted: JSONValue? = nil
  ) throws -> StepRecord {
    var step = StepRecord(
      id: nil, runId: runId, path: path, outcome: outcome, startedAt: startedAt, durationMs: durationMs,
      attempts: attempts, message: JournalRedaction.mask(message, masker),
      extracted: extracted.map { JournalRedaction.mask($0, masker).jsonText() })
    try writer.write { db in try step.insert(db) }
    return step
  }

  /// Records (or updates) one input row's result.
  public func recordRow(
    runId: String, line: Int, key: String, outcome: Outcome, reason: String? = nil, httpStatus: Int? = nil,
    attempts: Int = 0, durationMs: Int? = nil
  ) throws {
    let at = now()
    let (key, reason) = (masker.mask(key), JournalRedaction.mask(reason, masker))
    try writer.write { db in
      try RunJournal.upsertRow(
        db, runId: runId, line: line, key: key, outcome: outcome, reason: reason, httpStatus: httpStatus,
        attempts: attempts, durationMs: durationMs, at: at)
    }
  }

  /// Writes the intent of a state-changing call before it is sent; returns its id.
  public func recordIntent(
    runId: String, line: Int? = nil, step: String, endpointId: String, customerId: String?, request: JSONValue
  ) throws -> Int64 {
    let request = JournalRedaction.mask(request, masker).jsonText()
    let at = now()
    return try writer.write { db in
      try RunJournal.insertIntent(
        db, runId: runId, line: line, step: step, endpointId: endpointId, customerId: customerId, request: request,
        at: at)
    }
  }

  /// Moves an effect on: sent, then confirmed, rejected or unknown (or reconciled after a crash).
  public func update(effect id: Int64, to state: EffectState, httpStatus: Int? = nil) throws {
    let at = now()
    try writer.write { db in try RunJournal.updateEffect(db, id: id, to: state, httpStatus: httpStatus, at: at) }
  }

  // MARK: Group commit (bulk runs)

  /// Like `recordIntent`, but committed in one transaction, and one sync, with every other write
  /// queued meanwhile: returns once the intent is on disk, so the call may be sent.
  public func queueIntent(
    runId: String, line: Int? = nil, step: String, endpointId: String, customerId: String?, request: JSONValue
  ) async throws -> Int64 {
    let request = JournalRedaction.mask(request, masker).jsonText()
    let at = now()
    return try await group.write(statement: true) { db in
      try RunJournal.insertIntent(
        db, runId: runId, line: line, step: step, endpointId: endpointId, customerId: customerId, request: request,
        at: at)
    }
  }

  /// Queues an effect's outcome without waiting: it is committed with the next batch, after
  /// every write queued before it. Until then a crash leaves the intent open, which the resumed
  /// run reconciles by reading state. `flush()` waits for it and reports a failure.
  public func queueUpdate(effect id: Int64, to state: EffectState, httpStatus: Int? = nil) {
    let at = now()
    group.writeDetached(statement: true) { db in
      try RunJournal.updateEffect(db, id: id, to: state, httpStatus: httpStatus, at: at)
    }
  }

  /// Queues one input row's result without waiting (see `queueUpdate`); a row lost to a crash
  /// before its commit runs again when the run resumes.
  public func queueRow(
    runId: String, line: Int, key: String, outcome: Outcome, reason: String? = nil, httpStatus: Int? = nil,
    attempts: Int = 0, durationMs: Int? = nil
  ) {
    let at = now()
    let (key, reason) = (masker.mask(key), JournalRedaction.mask(reason, masker))
    group.writeDetached(statement: true) { db in
      try RunJournal.upsertRow(
        db, runId: runId, line: line, key: key, outcome: outcome, reason: reason, httpStatus: httpStatus,
        attempts: attempts, durationMs: durationMs, at: at)
    }
  }

  /// Queues one finished step without waiting (see `queueUpdate`); its message and `extracted`
  /// are masked (sensitive names, then every secret the masker knows).
  public func queueStep(
    runId: String, path: String, outcome: Outcome, startedAt: Date, durationMs: Int, attempts: Int,
    message: String? = nil, extracted: JSONValue? = nil
  ) {
    let step = StepRecord(
      id: nil, runId: runId, path: path, outcome: outcome, startedAt: startedAt, durationMs: durationMs,
      attempts: attempts, message: JournalRedaction.mask(message, masker),
      extracted: extracted.map { JournalRedaction.mask($0, masker).jsonText() })
    group.writeDetached { db in
      var record = step
      try record.insert(db)
    }
  }

  /// Queues a customer learned from a purchase (see `rememberCustomer`) without waiting.
  public func queueCustomer(_ customerId: String, clientAccountId: String?, runId: String) {
    let record = CustomerRecord(
      customerId: customerId, clientAccountId: clientAccountId, runId: runId, learnedAt: now())
    group.writeDetached { db in try record.upsert(db) }
  }

  /// Returns once every queued write is committed; throws the first failure of one.
  public func flush() async throws {
    try await group.flush()
  }

  /// Keeps a customer learned from a purchase for later runs.
  public func rememberCustomer(_ customerId: String, clientAccountId: String?, runId: String) throws {
    let record = CustomerRecord(
      customerId: customerId, clientAccountId: clientAccountId, runId: runId, learnedAt: now())
    try writer.write { db in try record.upsert(db) }
  }

  /// `r20261123-101500-3f9a`: sortable by time, unique enough for one operator's journal.
  static func newRunID(at date: Date) -> String {
    let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: date)
    func two(_ n: Int?) -> String { String(format: "%02d", n ?? 0) }
    let random = String(UInt16.random(in: 0...UInt16.max), radix: 16)
    return "r\(c.year ?? 0)\(two(c.month))\(two(c.day))-\(two(c.hour))\(two(c.minute))\(two(c.second))-"
      + String(repeating: "0", count: 4 - random.count) + random
  }

  // MARK: The statements behind both forms
  // Each one prepared statement kept by the connection: GRDB's record insert and upsert built
  // their SQL anew for every row of a bulk run. `at` is bound as a `Date`, so it is stored in
  // GRDB's own text form (`yyyy-MM-dd HH:mm:ss.SSS`, UTC), as the records store theirs.

  private static func insertIntent(
    _ db: Database, runId: String, line: Int?, step: String, endpointId: String, customerId: String?,
    request: String, at: Date
  ) throws -> Int64 {
    try db.cachedStatement(
      sql: """
        INSERT INTO effect (runId, line, step, endpointId, customerId, request, state, createdAt, updatedAt)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    ).execute(arguments: [runId, line, step, endpointId, customerId, request, EffectState.intent.rawValue, at, at])
    return db.lastInsertedRowID
  }

  private static func updateEffect(
    _ db: Database, id: Int64, to state: EffectState, httpStatus: Int?, at: Date
  ) throws {
    try db.cachedStatement(
      sql: "UPDATE effect SET state = ?, httpStatus = COALESCE(?, httpStatus), updatedAt = ? WHERE id = ?"
    ).execute(arguments: [state.rawValue, httpStatus, at, id])
  }

  /// What `RowRecord.upsert` does.
  private static func upsertRow(
    _ db: Database, runId: String, line: Int, key: String, outcome: Outcome, reason: String?, httpStatus: Int?,
    attempts: Int, durationMs: Int?, at: Date
  ) throws {
    try db.cachedStatement(
      sql: """
        INSERT INTO row (runId, line, key, outcome, reason, httpStatus, attempts, updatedAt, durationMs)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (runId, line) DO UPDATE SET key = excluded.key, outcome = excluded.outcome,
          reason = excluded.reason, httpStatus = excluded.httpStatus, attempts = excluded.attempts,
          updatedAt = excluded.updatedAt, durationMs = excluded.durationMs
        """
    ).execute(arguments: [runId, line, key, outcome.rawValue, reason, httpStatus, attempts, at, durationMs])
  }
}
