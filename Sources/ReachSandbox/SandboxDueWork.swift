import Logging
import ServiceLifecycle
import Synchronization

/// The standalone sandbox's own progress: work falls due on its clock whether or not a request
/// comes (docs/sandbox.md, "in the background"). This service sleeps until the next work falls
/// due, settles it (a purchase completes, a line activates or is suspended, a plan changes),
/// saves it with a state file and hands the callbacks it made to the webhook; a request that
/// schedules work earlier than that wakes it at once. It runs beside the server in
/// `SandboxServer.application` when the clock can be waited on, and stops with it.
struct SandboxDueWork: Service {
  let responder: SandboxResponder
  let clock: any WaitableSandboxClock
  let logger: Logger

  func run() async {
    let state = responder.state
    let alarm = DueAlarm()
    await state.setAlarm(alarm)
    await withGracefulShutdownHandler {
      while !alarm.isStopped, !Task.isCancelled {
        let (next, failure) = await responder.settleDue(in: state)
        if let failure { logger.error("\(failure.message)") }
        await withTaskGroup(of: Void.self) { group in
          if let next { group.addTask { try? await clock.sleep(until: next) } }
          group.addTask { await alarm.wait() }
          await group.next()
          group.cancelAll()
        }
      }
    } onGracefulShutdown: {
      alarm.stop()
    }
    await state.setAlarm(nil)
  }
}

extension SandboxResponder {
  /// The background work's turn: settles what the clock has made due, then saves it and queues
  /// its callbacks as after a request; returns when the next work falls due (nil: none pending),
  /// which the alarm is set for, and the error of a state file that could not be written.
  func settleDue(in state: isolated SandboxState) -> (next: SandboxTime?, failure: SandboxError?) {
    // Awake: work that settling schedules has no need to ring.
    state.alarmTime = SandboxTime(seconds: -.infinity)
    let failure = state.settle() > 0 ? finish(in: state) : nil
    state.alarmTime = state.deadlines.nextDue
    return (state.alarmTime, failure)
  }
}

/// What wakes the background work before its deadline: `ring` when a request schedules earlier
/// work, `stop` when the server stops. A ring with nobody waiting is kept for the next `wait`.
final class DueAlarm: Sendable {
  private struct State {
    var rung = false
    var stopped = false
    var waiter: CheckedContinuation<Void, Never>?
  }

  private let state = Mutex(State())

  var isStopped: Bool { state.withLock { $0.stopped } }

  func ring() { wake(keepingRing: true) }

  /// Resumes the waiter, if any; with nobody waiting, keeps the ring for the next `wait` or not.
  private func wake(keepingRing: Bool) {
    let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
      defer { state.waiter = nil }
      if state.waiter == nil, keepingRing { state.rung = true }
      return state.waiter
    }
    waiter?.resume()
  }

  func stop() {
    state.withLock { $0.stopped = true }
    ring()
  }

  /// Returns once rung (at once if rung since the last wait), stopped or cancelled.
  func wait() async {
    await withTaskCancellationHandler {
      await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        let now = state.withLock { state -> Bool in
          if state.rung || state.stopped || Task.isCancelled {
            state.rung = false
            return true
          }
          state.waiter = continuation
          return false
        }
        if now { continuation.resume() }
      }
    } onCancel: {
      // A wait cancelled before it registered sees `Task.isCancelled` instead.
      wake(keepingRing: false)
    }
  }
}
