import ReachClient
import ReachSandbox
import Synchronization

/// A discrete-event clock for a bulk run: sleepers park until every busy task is parked too, then
/// time moves to the earliest deadline and its sleepers wake. So rows overlap their waits as they
/// would at real speed, and the run's time on this clock is what the waits and the rate limit
/// make it, in a fraction of the wall time. (`VirtualClock` moves time to each sleeper's deadline
/// as it sleeps, which serves one task at a time but not thousands of rows waiting side by side.)
///
/// `busy` says how many tasks may still sleep on it (a bulk run: the rows in flight not queued
/// for a place or a request permit). Time also moves when nobody is busy. A task between two rows is not counted,
/// so time may move a little early then: the run's time errs long, never short.
final class SteppingClock: Clock, Sendable {
  typealias Instant = VirtualClock.Instant

  private struct Sleeper {
    var id: Int
    var deadline: Instant
    var continuation: CheckedContinuation<Void, any Error>
  }

  private struct State {
    var now = Instant(offset: .zero)
    var sleepers: [Sleeper] = []
    var nextID = 0
    var running = true
  }

  private let state = Mutex(State())
  private let busy: @Sendable () -> Int

  init(busy: @escaping @Sendable () -> Int) {
    self.busy = busy
  }

  var now: Instant { state.withLock { $0.now } }
  var minimumResolution: Duration { .nanoseconds(1) }

  func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
    try Task.checkCancellation()
    let id = state.withLock { state -> Int? in
      guard deadline > state.now else { return nil }
      state.nextID += 1
      return state.nextID
    }
    guard let id else {
      await Task.yield()
      return
    }
    try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
        state.withLock { state in
          state.sleepers.append(Sleeper(id: id, deadline: deadline, continuation: continuation))
        }
        step()
      }
    } onCancel: {
      let sleeper = state.withLock { state -> Sleeper? in
        guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
        return state.sleepers.remove(at: index)
      }
      sleeper?.continuation.resume(throwing: CancellationError())
    }
  }

  /// Moves time to the earliest deadline if every busy task sleeps; wakes those it reached.
  func step() {
    let busy = busy()
    let woken = state.withLock { state -> [Sleeper] in
      guard !state.sleepers.isEmpty, state.sleepers.count >= busy else { return [] }
      let earliest = state.sleepers.map(\.deadline).min()!
      state.now = max(state.now, earliest)
      let now = state.now
      let due = state.sleepers.filter { $0.deadline <= now }
      state.sleepers.removeAll { $0.deadline <= now }
      return due
    }
    for sleeper in woken { sleeper.continuation.resume() }
  }

  /// Steps whenever the run goes quiet between sleeps (a row ended while the others slept), until
  /// `body` returns.
  func driving<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
    let driver = Task {
      while !Task.isCancelled {
        step()
        // Real time, only to notice quiet: no result depends on how long this takes.
        try? await Task.sleep(for: .milliseconds(1))
      }
    }
    defer { driver.cancel() }
    return try await body()
  }
}

/// The sandbox's view of a `SteppingClock`: `origin` plus the time it has moved.
struct SteppingSandboxClock: SandboxClock {
  let clock: SteppingClock
  let origin: SandboxTime

  var now: SandboxTime { origin.adding(clock.now.offset) }
}

/// Counts the requests on the wire at once, below the client: what the sandbox sees. With a
/// `latency`, each request first spends that long on `clock` (the network's way there), so
/// requests let go one after another are on the wire side by side, as at real speed.
final class CountingTransport: HTTPTransport {
  let base: any HTTPTransport
  let clock: SteppingClock?
  let latency: Duration
  private let counts = Mutex<(now: Int, most: Int, total: Int, tooMany: Int)>((0, 0, 0, 0))

  /// Drops the rate-limit headers from every answer (`Retry-After` stays): a platform that says
  /// only 429, so an adaptive limiter must probe for the limit.
  let hideLimit: Bool

  init(base: any HTTPTransport, clock: SteppingClock? = nil, latency: Duration = .zero, hideLimit: Bool = false) {
    self.base = base
    self.clock = clock
    self.latency = latency
    self.hideLimit = hideLimit
  }

  var most: Int { counts.withLock { $0.most } }
  var total: Int { counts.withLock { $0.total } }
  var tooMany: Int { counts.withLock { $0.tooMany } }
  /// When each 429 came, on `clock`.
  var tooManyAt: [Duration] { answered429.withLock { $0 } }
  private let answered429 = Mutex<[Duration]>([])

  func send(_ request: HTTPRequestData) async throws(TransportError) -> HTTPResponseData {
    counts.withLock {
      $0.now += 1
      $0.most = max($0.most, $0.now)
      $0.total += 1
    }
    defer { counts.withLock { $0.now -= 1 } }
    if let clock, latency > .zero {
      do {
        try await clock.sleep(for: latency)
      } catch {
        throw TransportError(message: "cancelled", mayHaveBeenReceived: false)
      }
    }
    var response = try await base.send(request)
    if response.status == 429 {
      counts.withLock { $0.tooMany += 1 }
      if let clock { answered429.withLock { $0.append(clock.now.offset) } }
    }
    if hideLimit {
      response.headers.removeAll { name, _ in
        let name = name.lowercased()
        return name.hasPrefix("ratelimit-") || name.hasPrefix("x-ratelimit-")
      }
    }
    return response
  }
}
