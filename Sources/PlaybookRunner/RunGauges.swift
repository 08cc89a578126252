public import ReachClient
import Synchronization

/// What a bulk run is doing right now, for its live view: rows in flight, rows waiting on the
/// platform (a poll's or `wait_for`'s wait, a `sleep`), and the gate its requests go through (the
/// requests in flight, sent and answered 429).
public final class RunGauges: Sendable {
  private let rows = Atomic<Int>(0)
  private let waits = Atomic<Int>(0)
  private let queue = Atomic<Int>(0)
  private let currentGate = Mutex<RequestGate?>(nil)

  public init() {}

  /// Rows started and not yet finished.
  public var rowsInFlight: Int { rows.load(ordering: .relaxed) }
  /// Rows waiting on the platform: they hold no request slot.
  public var waiting: Int { waits.load(ordering: .relaxed) }
  /// Rows whose wait ended, waiting for a place to work again.
  public var queued: Int { queue.load(ordering: .relaxed) }
  /// The gate of the bulk loop running now, if any.
  public var gate: RequestGate? { currentGate.withLock { $0 } }

  /// The figures of the progress line, `limit` being what the rate limiter keeps to; nil outside
  /// a bulk loop.
  public func reading(limit: Double?) -> PaceReading? {
    guard let gate else { return nil }
    let counts = gate.counts
    return PaceReading(
      requests: counts.exchanges, tooMany: counts.tooMany, limit: limit, waiting: waiting, inFlight: rowsInFlight)
  }

  func rowStarted() { rows.add(1, ordering: .relaxed) }
  func rowEnded() { rows.subtract(1, ordering: .relaxed) }
  func waitStarted() { waits.add(1, ordering: .relaxed) }
  func waitEnded() { waits.subtract(1, ordering: .relaxed) }
  func queueStarted() { queue.add(1, ordering: .relaxed) }
  func queueEnded() { queue.subtract(1, ordering: .relaxed) }
  func use(_ gate: RequestGate?) { currentGate.withLock { $0 = gate } }
}
