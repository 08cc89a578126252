import GRDB
import Synchronization

/// Group commit: writes queued by many tasks at once go to disk together, in one transaction
/// and one sync, instead of one sync each. A commit takes milliseconds on a disk that really
/// syncs; while one is in progress, every write queued behind it waits for the next, which
/// carries them all. A write that fails does not undo the others: each runs in a savepoint of
/// its own, or alone when it is one statement. Writes are committed in the order they were queued.
final class GroupCommit: Sendable {
  /// One queued write: runs it inside the batch's transaction and returns how to tell its task
  /// (called once the batch is on disk); `fail` tells it the batch did not commit.
  private struct Pending: Sendable {
    let perform: @Sendable (Database) -> @Sendable () -> Void
    let fail: @Sendable (any Error) -> Void
  }

  private struct State {
    var pending: [Pending] = []
    /// A drain is running: it takes whatever is queued when its commit ends.
    var draining = false
    /// The first error of a write nobody waits for; `flush()` reports it.
    var detachedError: (any Error)?
  }

  private let writer: any DatabaseWriter
  private let state = Mutex(State())

  init(writer: any DatabaseWriter) {
    self.writer = writer
  }

  /// Queues `work` and returns its result once the batch that carries it is committed (synced).
  /// `statement: true` says `work` runs one SQL statement, which SQLite already undoes as a
  /// whole when it fails, so it needs no savepoint (two statements more) of its own.
  func write<T: Sendable>(
    statement: Bool = false, _ work: @escaping @Sendable (Database) throws -> T
  ) async throws -> T {
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
      enqueue(
        Pending(
          perform: { db in
            do {
              let result = try GroupCommit.isolated(statement: statement, db, work)
              return { continuation.resume(returning: result) }
            } catch {
              return { continuation.resume(throwing: error) }
            }
          },
          fail: { continuation.resume(throwing: $0) }))
    }
  }

  /// Queues `work` without waiting: it is committed with the next batch, after every write
  /// queued before it. A failure is kept for `flush()`. `statement` as for `write`.
  func writeDetached(statement: Bool = false, _ work: @escaping @Sendable (Database) throws -> Void) {
    let record: @Sendable (any Error) -> Void = { [self] error in
      self.state.withLock { $0.detachedError = $0.detachedError ?? error }
    }
    enqueue(
      Pending(
        perform: { db in
          do {
            try GroupCommit.isolated(statement: statement, db, work)
          } catch {
            record(error)
          }
          return {}
        },
        fail: record))
  }

  /// Returns once everything queued so far is committed; throws the first error of a write
  /// queued without waiting, if any.
  func flush() async throws {
    try await write { _ in () }
    if let error = state.withLock({ state in
      defer { state.detachedError = nil }
      return state.detachedError
    }) {
      throw error
    }
  }

  /// Runs one queued write so that, if it fails, it leaves nothing behind and the rest of the
  /// batch goes on: a single statement by itself, anything else in a savepoint.
  private static func isolated<T>(statement: Bool, _ db: Database, _ work: (Database) throws -> T) throws -> T {
    if statement { return try work(db) }
    var value: T?
    try db.inSavepoint {
      value = try work(db)
      return .commit
    }
    return value!
  }

  private func enqueue(_ pending: Pending) {
    let start = state.withLock { state in
      state.pending.append(pending)
      guard !state.draining else { return false }
      state.draining = true
      return true
    }
    // On the writer's own queue, not in a task: a cancelled run still commits what it queued,
    // and no thread of the task pool is woken to hand the batch over.
    if start { drainNext() }
  }

  /// Commits whatever is queued in one transaction on the writer's queue, then looks again.
  private func drainNext() {
    let batch = state.withLock { state in
      let batch = state.pending
      state.pending = []
      if batch.isEmpty { state.draining = false }
      return batch
    }
    guard !batch.isEmpty else { return }
    writer.asyncWrite({ db in batch.map { $0.perform(db) } }) { [self] _, result in
      switch result {
      case .success(let resumes):
        for resume in resumes { resume() }
      case .failure(let error):
        for pending in batch { pending.fail(error) }
      }
      drainNext()
    }
  }
}
