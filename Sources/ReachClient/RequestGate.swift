import Synchronization

/// Requests in flight, bounded: a permit is held only around one HTTP exchange (not while a call
/// waits for its rate-limit slot, a retry's back-off or a poll), so a bulk run can keep many rows
/// in flight on few connections (`--concurrency`). It also counts what went through it, for the
/// live view of a run: exchanges, 429s, and the most in flight at once.
public final class RequestGate: Sendable {
  public let limit: Int

  private struct State {
    var inFlight = 0
    var most = 0
    var exchanges = 0
    var tooMany = 0
    var waiters: [(id: Int, continuation: CheckedContinuation<Bool, Never>)] = []
    var nextWaiter = 0
    /// Why the gate was closed; nil while it is open.
    var closed: String?

    mutating func take() {
      inFlight += 1
      most = max(most, inFlight)
    }
  }

  private let state = Mutex(State())

  public init(limit: Int) {
    precondition(limit > 0, "a gate needs at least one permit")
    self.limit = limit
  }

  /// Waits for a permit; false when the task was cancelled while it waited, or the gate is
  /// closed (it holds none).
  public func enter() async -> Bool {
    if Task.isCancelled { return false }
    let taken = state.withLock { state -> Bool? in
      guard state.closed == nil else { return nil }
      guard state.inFlight < limit, state.waiters.isEmpty else { return false }
      state.take()
      return true
    }
    guard let taken else { return false }
    if taken { return true }
    let id = state.withLock { state -> Int in
      state.nextWaiter += 1
      return state.nextWaiter
    }
    return await withTaskCancellationHandler {
      await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
        let now = state.withLock { state -> Bool? in
          if Task.isCancelled || state.closed != nil { return false }
          if state.inFlight < limit, state.waiters.isEmpty {
            state.take()
            return true
          }
          state.waiters.append((id, continuation))
          return nil
        }
        if let now { continuation.resume(returning: now) }
      }
    } onCancel: {
      let waiter = state.withLock { state -> CheckedContinuation<Bool, Never>? in
        guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
        return state.waiters.remove(at: index).continuation
      }
      waiter?.resume(returning: false)
    }
  }

  /// Closes the gate for `reason`: the requests waiting for a permit, and any that come later,
  /// are not let through (`enter` answers false, `refusal` says why). What is on the wire
  /// finishes. A bulk run's gate closes when a request exhausts the rate limit (2.4: stop after
  /// five 429s in a row), so the rows readied behind it send nothing more. Only the first reason
  /// is kept.
  public func close(because reason: String) {
    let waiting = state.withLock { state -> [CheckedContinuation<Bool, Never>] in
      if state.closed == nil { state.closed = reason }
      defer { state.waiters = [] }
      return state.waiters.map(\.continuation)
    }
    for continuation in waiting { continuation.resume(returning: false) }
  }

  /// Closes the gate when `error` says the platform wants no more requests: the rate limit
  /// exhausted (2.4: stop after five 429s in a row). Other failures leave it open.
  public func close(after error: ReachClientError) {
    if case .rateLimitExhausted = error { close(because: error.description) }
  }

  /// What a request that `enter` refused throws: `notSent` with the reason the gate was closed,
  /// or `cancelled`.
  public func refusal(_ endpointID: String) -> ReachClientError {
    state.withLock { $0.closed }.map { .notSent(endpointID: endpointID, reason: $0) } ?? .cancelled
  }

  /// Gives the permit back after an exchange that answered `status` (nil: no answer), handing it
  /// to the longest waiter.
  public func leave(status: Int?) {
    hand(exchanged: true, status: status)
  }

  /// Gives a permit back unused (its request did not go: a 429's hold began while it waited for
  /// the permit), handing it to the longest waiter.
  public func release() {
    hand(exchanged: false, status: nil)
  }

  private func hand(exchanged: Bool, status: Int?) {
    let next = state.withLock { state -> CheckedContinuation<Bool, Never>? in
      state.inFlight -= 1
      if exchanged { state.exchanges += 1 }
      if status == 429 { state.tooMany += 1 }
      guard !state.waiters.isEmpty else { return nil }
      state.take()
      return state.waiters.removeFirst().continuation
    }
    next?.resume(returning: true)
  }

  /// What went through so far.
  public var counts: (inFlight: Int, most: Int, exchanges: Int, tooMany: Int) {
    state.withLock { ($0.inFlight, $0.most, $0.exchanges, $0.tooMany) }
  }

  /// Requests waiting for a permit now: counted from the moment one parks until it is handed a
  /// permit, so whoever reads it never sees a request between the two.
  public var waiting: Int {
    state.withLock { $0.waiters.count }
  }
}
