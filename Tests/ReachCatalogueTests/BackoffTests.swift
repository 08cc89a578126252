import ReachCatalogue
import Testing

@Suite struct BackoffTests {
  /// Guide 2.4: 1, 2, 4 s, "continue doubling up to 60 seconds maximum".
  @Test func theGuidesScheduleDoublesFromOneSecondUpTo60() {
    let waits = (0..<9).map { Backoff.guide.delay(after: $0) }
    #expect(waits == [1, 2, 4, 8, 16, 32, 60, 60, 60].map { .seconds($0) })
  }

  @Test func aLongRunOfFailuresStaysAtTheCap() {
    #expect(Backoff.guide.delay(after: 64) == .seconds(60))
    #expect(Backoff.guide.delay(after: Int.max) == .seconds(60))
  }

  @Test func noFailuresBeforeWaitsTheFirstDelay() {
    #expect(Backoff.guide.delay(after: 0) == .seconds(1))
    #expect(Backoff.guide.delay(after: -3) == .seconds(1))
  }

  @Test func anotherFirstAndCapScaleTheSameDoubling() {
    let backoff = Backoff(first: .milliseconds(250), cap: .seconds(3))
    #expect((0..<6).map { backoff.delay(after: $0) } == [250, 500, 1000, 2000, 3000, 3000].map { .milliseconds($0) })
    #expect(Backoff(first: .seconds(90), cap: .seconds(60)).delay(after: 0) == .seconds(60))
  }
}
