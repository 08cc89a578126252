/// Time since it was started, on any clock (opened from `any Clock<Duration>`).
struct Stopwatch: Sendable {
  private let read: @Sendable () -> Duration

  private init(read: @escaping @Sendable () -> Duration) {
    self.read = read
  }

  static func start(_ clock: any Clock<Duration>) -> Stopwatch {
    open(clock)
  }

  private static func open<C: Clock<Duration>>(_ clock: C) -> Stopwatch {
    let start = clock.now
    return Stopwatch { start.duration(to: clock.now) }
  }

  var elapsed: Duration { read() }
}
