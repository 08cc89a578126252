import Synchronization

/// A clock whose time passes only when someone sleeps on it: a sleep returns at once, moving
/// `now` to its deadline. The embedded sandbox and the runner share one, so a poll every 5 s
/// over a 10-minute activation takes milliseconds of wall time; tests read exactly what was
/// waited.
public final class VirtualClock: Clock, Sendable {
  public struct Instant: InstantProtocol, Sendable {
    public var offset: Duration

    public init(offset: Duration) { self.offset = offset }
    public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
    public func duration(to other: Instant) -> Duration { other.offset - offset }
    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
  }

  private let state = Mutex<(now: Instant, sleeps: [Duration])>((Instant(offset: .zero), []))

  public init() {}

  public var now: Instant { state.withLock { $0.now } }
  public var minimumResolution: Duration { .nanoseconds(1) }

  /// Every sleep's length, in order: what a test asserts a back-off schedule against.
  public var sleeps: [Duration] { state.withLock { $0.sleeps } }

  public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
    try Task.checkCancellation()
    state.withLock { state in
      state.sleeps.append(max(.zero, state.now.duration(to: deadline)))
      if deadline > state.now { state.now = deadline }
    }
    await Task.yield()
  }

  /// Moves time on without a sleeper (the sandbox's own background progress).
  public func advance(by duration: Duration) {
    state.withLock { $0.now = $0.now.advanced(by: duration) }
  }
}
