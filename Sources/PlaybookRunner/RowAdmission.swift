import Synchronization

/// Which rows of a bulk run may work now. At most `active` rows work at once (run their steps,
/// send, or wait for a rate-limit slot or a request permit: see `BulkForeachExecutor.rowsWorking`);
/// a row that waits on the platform (a poll's interval, `wait_for`, a `sleep`)
/// gives its place up meanwhile, so another row starts, and takes one back, before any new row,
/// when its wait ends. Rows in flight are many (see `BulkForeachExecutor.rowsInFlight`), working
/// rows few: the rate limit, not the waiting, sets the pace.
///
/// The gauges count a row in flight from the moment it is given a place, and a row waiting for a
/// place back as queued until it is given one, so that whoever reads them (a live view, a test's
/// clock) never sees a row between the two.
final class RowAdmission: Sendable {
  let active: Int
  let gauges: RunGauges?

  private struct State {
    var working = 0
    var resuming: [CheckedContinuation<Void, Never>] = []
    var fresh: [(id: Int, continuation: CheckedContinuation<Bool, Never>)] = []
    var nextID = 0
  }

  private let state = Mutex(State())

  init(active: Int, gauges: RunGauges? = nil) {
    self.active = max(1, active)
    self.gauges = gauges
  }

  /// A new row's place: false when the run was interrupted while it waited (no place is held).
  /// A worker given one counts as a row in flight (`RunGauges.rowStarted`) until it ends one, or
  /// finds no row to start.
  func start() async -> Bool {
    if Task.isCancelled { return false }
    let id = state.withLock { state -> Int? in
      if state.working < active, state.resuming.isEmpty, state.fresh.isEmpty {
        state.working += 1
        gauges?.rowStarted()
        return nil
      }
      state.nextID += 1
      return state.nextID
    }
    guard let id else { return true }
    return await withTaskCancellationHandler {
      await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
        let now = state.withLock { state -> Bool? in
          if Task.isCancelled { return false }
          if state.working < active, state.resuming.isEmpty, state.fresh.isEmpty {
            state.working += 1
            gauges?.rowStarted()
            return true
          }
          state.fresh.append((id, continuation))
          return nil
        }
        if let now { continuation.resume(returning: now) }
      }
    } onCancel: {
      let waiter = state.withLock { state -> CheckedContinuation<Bool, Never>? in
        guard let index = state.fresh.firstIndex(where: { $0.id == id }) else { return nil }
        return state.fresh.remove(at: index).continuation
      }
      waiter?.resume(returning: false)
    }
  }

  /// A working row starts waiting on the platform: its place goes to the next row.
  func pause() {
    leave()
  }

  /// A row's wait ended: it takes a place back, ahead of new rows. Never refused, so a row that
  /// was interrupted meanwhile still ends as one that holds its place.
  func resume() async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      let now = state.withLock { state -> Bool in
        if state.working < active, state.resuming.isEmpty {
          state.working += 1
          return true
        }
        gauges?.queueStarted()
        state.resuming.append(continuation)
        return false
      }
      if now { continuation.resume() }
    }
  }

  /// A row ended (or paused): its place goes to a row resuming from a wait, else to a new row.
  func leave() {
    enum Next {
      case resuming(CheckedContinuation<Void, Never>)
      case fresh(CheckedContinuation<Bool, Never>)
    }
    let next = state.withLock { state -> Next? in
      state.working -= 1
      guard state.working < active else { return nil }
      if !state.resuming.isEmpty {
        state.working += 1
        gauges?.queueEnded()
        return .resuming(state.resuming.removeFirst())
      }
      if !state.fresh.isEmpty {
        state.working += 1
        gauges?.rowStarted()
        return .fresh(state.fresh.removeFirst().continuation)
      }
      return nil
    }
    switch next {
    case .resuming(let continuation): continuation.resume()
    case .fresh(let continuation): continuation.resume(returning: true)
    case nil: break
    }
  }
}
