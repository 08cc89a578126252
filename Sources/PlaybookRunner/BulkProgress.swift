/// What the platform side of a bulk run is doing, read when its progress line is drawn: requests
/// sent (answered, 429s included) and 429s since the rows started, the limit the rate limiter
/// keeps to (nil: none known), the rows waiting on the platform, and the rows in flight (started,
/// not finished).
public struct PaceReading: Sendable, Equatable {
  public var requests: Int
  public var tooMany: Int
  public var limit: Double?
  public var waiting: Int
  public var inFlight: Int

  public init(requests: Int, tooMany: Int, limit: Double?, waiting: Int, inFlight: Int = 0) {
    self.requests = requests
    self.tooMany = tooMany
    self.limit = limit
    self.waiting = waiting
    self.inFlight = inFlight
  }
}

/// The progress of a bulk `foreach`: rows finished out of the total, the rate, the time left, and
/// the failed and skipped counts, rendered as one line for a given elapsed time; with a
/// `PaceReading`, also the requests a second against the limit, the rows waiting on the platform
/// and the 429s.
public struct BulkProgress: Sendable, Equatable {
  /// Rows of the input the run goes through (bad lines, skipped, included), those a resumed run
  /// had finished included.
  public var total: Int
  /// Rows the run being resumed had finished: counted as finished, not in the rate.
  public var already: Int
  public var done = 0
  public var skipped = 0
  public var failed = 0
  /// The summed durations of the rows this run finished that were timed (on the run's clock).
  public var timedMs = 0
  public var timed = 0

  public init(total: Int, already: Int = 0) {
    self.total = total
    self.already = already
  }

  public mutating func record(_ outcome: RowResult.Outcome) {
    switch outcome {
    case .done: done += 1
    case .skipped: skipped += 1
    case .failed: failed += 1
    }
  }

  /// Counts `row`'s outcome, and its duration toward the mean.
  public mutating func record(_ row: RowResult) {
    record(row.outcome)
    if let ms = row.durationMs {
      timedMs += ms
      timed += 1
    }
  }

  /// The mean duration of the rows finished so far, if any was timed.
  public var meanRow: Duration? { timed > 0 ? .milliseconds(timedMs / timed) : nil }

  /// Rows this run finished, whatever their outcome.
  public var ranNow: Int { done + skipped + failed }
  public var finished: Int { already + ranNow }

  /// `1200/10000 rows · 150.0 rows/s · ETA 58s · 3 failed · 12 skipped`, `elapsed` after the
  /// rows started. Before a row has finished the rate and ETA read `–`. With `pace`:
  /// `· 98.0/100.0 req/s · 812 waiting · 3 × 429` (`98.0 req/s` without a known limit).
  ///
  /// The time left: while fewer rows have finished than are in flight (the first rows of a run
  /// whose rows wait on the platform side by side), the rate so far says little (one row
  /// finished after 30 s with 50 in flight is not 1/30 rows/s), so the rows in flight and their
  /// mean duration (Little's law: in flight ÷ mean duration rows a second) estimate it; after
  /// that, the rate so far.
  public func line(elapsed: Duration, pace: PaceReading? = nil) -> String {
    let seconds = elapsed / .seconds(1)
    let rate = seconds > 0 ? Double(ranNow) / seconds : 0
    let remaining = Double(max(total - finished, 0))
    let inFlight = pace?.inFlight ?? 0
    var parts = ["\(finished)/\(total) rows"]
    parts.append(rate > 0 ? Self.decimal(rate) + " rows/s" : "– rows/s")
    if remaining == 0 {
      parts.append("ETA 0s")
    } else if ranNow < inFlight, let mean = meanRow, mean > .zero {
      parts.append("ETA " + Self.duration(remaining * (mean / .seconds(1)) / Double(inFlight)))
    } else if ranNow >= inFlight, rate > 0 {
      parts.append("ETA " + Self.duration(remaining / rate))
    } else {
      parts.append("ETA –")
    }
    parts.append("\(failed) failed")
    parts.append("\(skipped) skipped")
    if let pace {
      let sent = seconds > 0 ? Self.decimal(Double(pace.requests) / seconds) : "–"
      parts.append(sent + (pace.limit.map { "/" + Self.decimal($0) } ?? "") + " req/s")
      parts.append("\(pace.waiting) waiting")
      parts.append("\(pace.tooMany) × 429")
    }
    return parts.joined(separator: " · ")
  }

  /// One decimal, rounded half up: `150.0`, `0.3`.
  static func decimal(_ value: Double) -> String {
    let tenths = Int((value * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
  }

  /// Whole seconds, rounded up: `58s`, `3m05s`, `1h02m`.
  static func duration(_ seconds: Double) -> String {
    // A hair under a whole second is that second (2 / (1 / 3.0) is 6.000000000000001).
    let whole = max(Int((seconds - 1e-6).rounded(.up)), 0)
    if whole < 60 { return "\(whole)s" }
    if whole < 3600 { return "\(whole / 60)m" + pad(whole % 60) + "s" }
    return "\(whole / 3600)h" + pad(whole % 3600 / 60) + "m"
  }

  private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

/// When the progress of a bulk run is shown, and how: on a terminal one line redrawn in place (at
/// most every `redraw`), elsewhere one plain line every `every`. Times are elapsed durations on
/// whatever clock the caller reads, so tests give them.
public struct ProgressTicker: Sendable {
  /// Erases the terminal's current line.
  public static let clearLine = "\r\u{1B}[2K"

  public var live: Bool
  public var every: Duration
  public var redraw: Duration
  public private(set) var progress: BulkProgress?
  private var started: Duration = .zero
  private var shown: Duration?
  /// Whether a live line is on the screen (other output must erase it first).
  private var onScreen = false

  public init(live: Bool, every: Duration = .seconds(5), redraw: Duration = .milliseconds(100)) {
    self.live = live
    self.every = every
    self.redraw = redraw
  }

  /// The text to write for `event` at `now` (with `pace`, the platform side's figures), or nil: a live line starts with `clearLine` and has
  /// no newline (until the last row); a plain line ends with a newline.
  public mutating func text(for event: RunEvent, at now: Duration, pace: PaceReading? = nil) -> String? {
    switch event {
    case .rowsStarted(_, let total, let already, let bad):
      // Bad lines are skipped rows too (and a resumed run counts them among those it finished).
      progress = BulkProgress(total: total + bad, already: already)
      started = now
      shown = now
      return nil
    case .rowFinished(_, let row):
      guard var current = progress else { return nil }
      current.record(row)
      progress = current
      let last = current.finished >= current.total
      let wait = live ? redraw : every
      guard last || shown.map({ now - $0 >= wait }) ?? true || (live && !onScreen) else { return nil }
      shown = now
      let line = current.line(elapsed: now - started, pace: pace)
      if last { progress = nil }
      guard live else { return line + "\n" }
      onScreen = !last
      return Self.clearLine + line + (last ? "\n" : "")
    default:
      return nil
    }
  }

  /// The text to write at `now` when no row finished (a timer's tick), or nil: the line is due
  /// as after a row (every `redraw` live, every `every` elsewhere, from the rows' start), so a run
  /// whose first rows take a while shows its progress before they finish.
  public mutating func tick(at now: Duration, pace: PaceReading? = nil) -> String? {
    guard let current = progress, current.finished < current.total else { return nil }
    let wait = live ? redraw : every
    guard shown.map({ now - $0 >= wait }) ?? true else { return nil }
    shown = now
    let line = current.line(elapsed: now - started, pace: pace)
    guard live else { return line + "\n" }
    onScreen = true
    return Self.clearLine + line
  }

  /// Before other output: erases the live line if one is shown (it is redrawn by the next row).
  public mutating func clear() -> String? {
    guard onScreen else { return nil }
    onScreen = false
    return Self.clearLine
  }
}
