import Playbook
import PlaybookRunner
import Testing

/// The progress line of a bulk run, rendered for given counts and times, and when it is shown.
struct BulkProgressTests {
  static func progress(total: Int, already: Int = 0, done: Int, skipped: Int = 0, failed: Int = 0) -> BulkProgress {
    var progress = BulkProgress(total: total, already: already)
    progress.done = done
    progress.skipped = skipped
    progress.failed = failed
    return progress
  }

  @Test func rendersCountsRateAndTimeLeft() {
    #expect(
      Self.progress(total: 10000, done: 1188, skipped: 9, failed: 3).line(elapsed: .seconds(8))
        == "1200/10000 rows · 150.0 rows/s · ETA 59s · 3 failed · 9 skipped")
    #expect(
      Self.progress(total: 10000, already: 4000, done: 100).line(elapsed: .seconds(4))
        == "4100/10000 rows · 25.0 rows/s · ETA 3m56s · 0 failed · 0 skipped")
    #expect(
      Self.progress(total: 1_000_000, done: 1000).line(elapsed: .seconds(10))
        == "1000/1000000 rows · 100.0 rows/s · ETA 2h46m · 0 failed · 0 skipped")
    #expect(
      Self.progress(total: 3, done: 1).line(elapsed: .seconds(3))
        == "1/3 rows · 0.3 rows/s · ETA 6s · 0 failed · 0 skipped")
    #expect(
      Self.progress(total: 7, done: 7).line(elapsed: .milliseconds(2500))
        == "7/7 rows · 2.8 rows/s · ETA 0s · 0 failed · 0 skipped")
  }

  @Test func thePlatformSideShowsRequestsAgainstTheLimitWaitingRowsAnd429s() {
    let progress = Self.progress(total: 10000, done: 1188, skipped: 9, failed: 3)
    #expect(
      progress.line(elapsed: .seconds(8), pace: PaceReading(requests: 784, tooMany: 2, limit: 98, waiting: 812))
        == "1200/10000 rows · 150.0 rows/s · ETA 59s · 3 failed · 9 skipped · 98.0/98.0 req/s · 812 waiting · 2 × 429")
    // No limit known (no --rate, and no 429 yet).
    #expect(
      progress.line(elapsed: .seconds(8), pace: PaceReading(requests: 3000, tooMany: 0, limit: nil, waiting: 0))
        == "1200/10000 rows · 150.0 rows/s · ETA 59s · 3 failed · 9 skipped · 375.0 req/s · 0 waiting · 0 × 429")
    var ticker = ProgressTicker(live: false)
    _ = ticker.text(for: .rowsStarted(Self.step, total: 2, already: 0, bad: 0), at: .zero)
    _ = ticker.text(for: Self.row(2), at: .seconds(1))
    #expect(
      ticker.text(
        for: Self.row(3), at: .seconds(2), pace: PaceReading(requests: 10, tooMany: 1, limit: 5, waiting: 0))
        == "2/2 rows · 1.0 rows/s · ETA 0s · 0 failed · 0 skipped · 5.0/5.0 req/s · 0 waiting · 1 × 429\n")
  }

  @Test func beforeAnyRowTheRateAndETAAreUnknown() {
    #expect(
      Self.progress(total: 500, done: 0).line(elapsed: .seconds(2))
        == "0/500 rows · – rows/s · ETA – · 0 failed · 0 skipped")
    #expect(
      Self.progress(total: 500, done: 3).line(elapsed: .zero)
        == "3/500 rows · – rows/s · ETA – · 0 failed · 0 skipped")
  }

  static let step = StepReference(
    scope: [], label: "rows", location: SourceLocation(file: "bulk.yaml", line: 3, column: 5))

  static func row(_ line: Int, _ outcome: RowResult.Outcome = .done) -> RunEvent {
    .rowFinished(step, RowResult(line: line, key: "C\(line)", outcome: outcome))
  }

  @Test func offATerminalOnePlainLineEveryFiveSecondsAndAtTheEnd() {
    var ticker = ProgressTicker(live: false)
    #expect(ticker.text(for: .rowsStarted(Self.step, total: 12, already: 0, bad: 0), at: .seconds(100)) == nil)
    var shown: [String] = []
    for second in 1...12 {
      let outcome: RowResult.Outcome = second == 3 ? .failed : second == 4 ? .skipped : .done
      if let text = ticker.text(for: Self.row(second + 1, outcome), at: .seconds(100 + second)) {
        shown.append(text)
      }
    }
    #expect(
      shown == [
        "5/12 rows · 1.0 rows/s · ETA 7s · 1 failed · 1 skipped\n",
        "10/12 rows · 1.0 rows/s · ETA 2s · 1 failed · 1 skipped\n",
        "12/12 rows · 1.0 rows/s · ETA 0s · 1 failed · 1 skipped\n",
      ])
    #expect(ticker.clear() == nil)
  }

  @Test func onATerminalOneLineRedrawnInPlace() {
    var ticker = ProgressTicker(live: true)
    let clear = ProgressTicker.clearLine
    _ = ticker.text(for: .rowsStarted(Self.step, total: 4, already: 0, bad: 0), at: .zero)
    #expect(
      ticker.text(for: Self.row(2), at: .milliseconds(50))
        == clear + "1/4 rows · 20.0 rows/s · ETA 1s · 0 failed · 0 skipped")
    // At most one redraw every 100 ms.
    #expect(ticker.text(for: Self.row(3), at: .milliseconds(100)) == nil)
    // Other output erases the line first; the next row draws it again at once.
    #expect(ticker.clear() == clear)
    #expect(ticker.clear() == nil)
    #expect(
      ticker.text(for: Self.row(4, .failed), at: .milliseconds(120))
        == clear + "3/4 rows · 25.0 rows/s · ETA 1s · 1 failed · 0 skipped")
    // The last row leaves the line on the screen and moves on.
    #expect(
      ticker.text(for: Self.row(5), at: .milliseconds(200))
        == clear + "4/4 rows · 20.0 rows/s · ETA 0s · 1 failed · 0 skipped\n")
    #expect(ticker.clear() == nil)
  }
}
