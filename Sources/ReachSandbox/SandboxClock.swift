import Foundation

/// An instant of sandbox time: seconds since the Unix epoch, as the sandbox's clock says.
public struct SandboxTime: Sendable, Hashable, Comparable, Codable {
  public var seconds: Double

  public init(seconds: Double) { self.seconds = seconds }

  public static func < (a: SandboxTime, b: SandboxTime) -> Bool { a.seconds < b.seconds }

  public func adding(_ duration: Duration) -> SandboxTime {
    SandboxTime(seconds: seconds + duration / .seconds(1))
  }

  /// `2026-11-23T11:05:51Z`, computed without Foundation's formatters.
  public var iso8601: String {
    let whole = Int(seconds.rounded(.down))
    let days = whole >= 0 ? whole / 86_400 : (whole - 86_399) / 86_400
    let secondOfDay = whole - days * 86_400
    let (y, m, d) = SandboxTime.civil(fromDays: days)
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return
      "\(y)-\(two(m))-\(two(d))T\(two(secondOfDay / 3600)):\(two(secondOfDay % 3600 / 60)):\(two(secondOfDay % 60))Z"
  }

  /// `2026-11-23`.
  public var date: String { String(iso8601.prefix(10)) }

  /// Howard Hinnant's days-to-civil algorithm.
  static func civil(fromDays z0: Int) -> (Int, Int, Int) {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }
}

/// Where the sandbox reads the time. Logic never calls `Date()`: state advances lazily from
/// this clock when it is read, so a test that advances a manual clock sees every transition.
public protocol SandboxClock: Sendable {
  var now: SandboxTime { get }
  /// Seconds of wall time, unscaled: what the rate limit counts on. The same as `now` for a clock
  /// that is not sped up (a test's, the runner's virtual clock).
  var wallSeconds: Double { get }
}

extension SandboxClock {
  public var wallSeconds: Double { now.seconds }
}

/// A sandbox clock that can be waited on: what the standalone sandbox's background work
/// (`SandboxDueWork`) sleeps on until the next work falls due. The runner's virtual clock is not
/// one: under `reach run` the sandbox's time moves only when the runner waits, and the runner
/// calls `SandboxServer.deliverDue()` itself.
public protocol WaitableSandboxClock: SandboxClock {
  /// Returns once `now` has reached `deadline` (at once if it has); throws `CancellationError`
  /// if the task is cancelled first.
  func sleep(until deadline: SandboxTime) async throws
}

/// A clock that a test moves by hand. Sleepers wake when `advance` takes the time past their
/// deadline.
public final class ManualSandboxClock: WaitableSandboxClock, @unchecked Sendable {
  private struct Sleeper {
    var id: Int
    var deadline: SandboxTime
    var continuation: CheckedContinuation<Void, any Error>
  }

  private let lock = NSLock()
  private var current: SandboxTime
  private var sleepers: [Sleeper] = []
  private var lastSleeper = 0

  /// Starts at 2026-01-01T00:00:00Z unless told otherwise.
  public init(start: SandboxTime = SandboxTime(seconds: 1_767_225_600)) { current = start }

  public var now: SandboxTime { lock.withLock { current } }

  public func advance(by duration: Duration) {
    let woken = lock.withLock { () -> [Sleeper] in
      current = current.adding(duration)
      let now = current
      let woken = sleepers.filter { $0.deadline <= now }
      sleepers.removeAll { $0.deadline <= now }
      return woken
    }
    for sleeper in woken { sleeper.continuation.resume() }
  }

  public func sleep(until deadline: SandboxTime) async throws {
    let id = lock.withLock { () -> Int in
      lastSleeper += 1
      return lastSleeper
    }
    try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
        let outcome = lock.withLock { () -> Result<Void, any Error>? in
          if Task.isCancelled { return .failure(CancellationError()) }
          if current >= deadline { return .success(()) }
          sleepers.append(Sleeper(id: id, deadline: deadline, continuation: continuation))
          return nil
        }
        if let outcome { continuation.resume(with: outcome) }
      }
    } onCancel: {
      let sleeper = lock.withLock { () -> Sleeper? in
        guard let index = sleepers.firstIndex(where: { $0.id == id }) else { return nil }
        return sleepers.remove(at: index)
      }
      sleeper?.continuation.resume(throwing: CancellationError())
    }
  }
}

/// Wall time from the start, running `speed` times faster than real time after it.
public struct ScaledSandboxClock: WaitableSandboxClock {
  private let origin: SandboxTime
  /// Real time since the clock started.
  private let elapsed: @Sendable () -> Duration
  private let speed: Double

  /// - Parameter resumingFrom: A time the clock must not start before (what a state file had
  ///   reached, perhaps ahead of the wall at a high speed), so time never runs backwards.
  public init(speed: Double = 1, resumingFrom saved: SandboxTime? = nil) {
    let started = ContinuousClock.now
    self.init(speed: speed, resumingFrom: saved, elapsed: { ContinuousClock.now - started })
  }

  /// A clock whose real elapsed time a test gives.
  init(speed: Double, resumingFrom saved: SandboxTime? = nil, elapsed: @escaping @Sendable () -> Duration) {
    let wall = SandboxTime(seconds: Date().timeIntervalSince1970)
    origin = saved.map { max($0, wall) } ?? wall
    self.elapsed = elapsed
    self.speed = speed
  }

  public var now: SandboxTime { origin.adding(elapsed() * speed) }

  public var wallSeconds: Double { origin.adding(elapsed()).seconds }

  /// Sleeps the sandbox time left divided by the speed, in real time, until the clock says the
  /// deadline has come (at most a day at a time).
  public func sleep(until deadline: SandboxTime) async throws {
    while true {
      let left = deadline.seconds - now.seconds
      if left <= 0 { return }
      try await ContinuousClock().sleep(for: .seconds(min(left / max(speed, 1e-9), 86_400)))
    }
  }
}
