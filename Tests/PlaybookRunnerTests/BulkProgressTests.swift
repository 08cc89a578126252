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

  static func timedRow(_ line: Int, ms: Int) -> RunEvent {
    var row = RowResult(line: line, key: "C\(line)", outcome: .done)
    row.durationMs = ms
    return .rowFinished(step, row)
  }

  /// Issue #19 item 10: 50 rows waiting on the platform side by side, the first finished after
  /// 30 s. The rate so far (1/30 rows/s) would say 24 minutes; the 49 in flight, each about 30 s
  /// long, say about 30 s.
  @Test func theFirstRowsETAComesFromTheRowsInFlight() {
    var progress = Self.progress(total: 50, done: 0)
    progress.record(RowResult(line: 2, key: "C2", outcome: .done))
    // No row timed yet, fewer finished than in flight: unknown.
    #expect(
      progress.line(
        elapsed: .seconds(30), pace: PaceReading(requests: 100, tooMany: 0, limit: nil, waiting: 49, inFlight: 49))
        == "1/50 rows · 0.0 rows/s · ETA – · 0 failed · 0 skipped · 3.3 req/s · 49 waiting · 0 × 429")
    var timed = Self.progress(total: 50, done: 0)
    var row = RowResult(line: 2, key: "C2", outcome: .done)
    row.durationMs = 30_000
    timed.record(row)
    let pace = PaceReading(requests: 100, tooMany: 0, limit: nil, waiting: 49, inFlight: 49)
    #expect(
      timed.line(elapsed: .seconds(30), pace: pace)
        == "1/50 rows · 0.0 rows/s · ETA 30s · 0 failed · 0 skipped · 3.3 req/s · 49 waiting · 0 × 429")
    // 10,000 rows, 1,000 in flight of 30 s each: about 33 rows a second, 5 minutes.
    var steady = Self.progress(total: 10_000, done: 0)
    for line in 0..<10 {
      var row = RowResult(line: line, key: "C\(line)", outcome: .done)
      row.durationMs = 30_000
      steady.record(row)
    }
    #expect(
      steady.line(
        elapsed: .seconds(30), pace: PaceReading(requests: 0, tooMany: 0, limit: nil, waiting: 0, inFlight: 1000)
      )
      .contains("ETA 5m00s"))
    // Once as many rows finished as are in flight, the rate so far.
    #expect(
      Self.progress(total: 100, done: 50).line(
        elapsed: .seconds(50), pace: PaceReading(requests: 0, tooMany: 0, limit: nil, waiting: 0, inFlight: 10)
      )
      .contains("ETA 50s"))
  }

  /// The line is drawn on a timer too: before any row finished, and between rows.
  @Test func aTickDrawsTheLineWhenItIsDueThoughNoRowFinished() {
    var plain = ProgressTicker(live: false)
    #expect(plain.tick(at: .seconds(3)) == nil)
    _ = plain.text(for: .rowsStarted(Self.step, total: 50, already: 0, bad: 0), at: .seconds(10))
    #expect(plain.tick(at: .seconds(14)) == nil)
    #expect(plain.tick(at: .seconds(15)) == "0/50 rows · – rows/s · ETA – · 0 failed · 0 skipped\n")
    #expect(plain.tick(at: .seconds(19)) == nil)
    _ = plain.text(for: Self.timedRow(2, ms: 12_000), at: .seconds(22))
    #expect(
      plain.tick(at: .seconds(27), pace: PaceReading(requests: 60, tooMany: 0, limit: 5, waiting: 40, inFlight: 49))
        == "1/50 rows · 0.1 rows/s · ETA 12s · 0 failed · 0 skipped · 3.5/5.0 req/s · 40 waiting · 0 × 429\n")
    var live = ProgressTicker(live: true)
    _ = live.text(for: .rowsStarted(Self.step, total: 2, already: 0, bad: 0), at: .zero)
    #expect(live.tick(at: .milliseconds(50)) == nil)
    #expect(
      live.tick(at: .milliseconds(100)) == ProgressTicker.clearLine
        + "0/2 rows · – rows/s · ETA – · 0 failed · 0 skipped")
    #expect(live.clear() == ProgressTicker.clearLine)
    // After the last row, nothing more.
    _ = live.text(for: Self.row(2), at: .milliseconds(300))
    _ = live.text(for: Self.row(3), at: .milliseconds(500))
    #expect(live.tick(at: .seconds(9)) == nil)
  }
}
