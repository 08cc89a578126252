import Foundation
import PlaybookRunner
import ReachCatalogue
import RunJournal

/// `reach runs show <id> --watch`: follows a run from another terminal through its journal, the
/// only thing the two processes share. Each poll reads counts (the database counts them), never
/// the rows themselves, so a look costs the same at any size. A line is shown when what it says
/// changed; the watch ends when the run does.
struct RunWatcher {
  let journal: RunJournal
  let runId: String
  /// The rows the run has in all, when its bulk input can still be read; nil otherwise.
  let total: Int?
  /// A running run with no change for this long may have died (a killed run never writes its
  /// end): the watch says how to resume it, once.
  static let quietHint: Duration = .seconds(300)

  /// What one poll of the journal sees.
  struct Look: Equatable {
    var outcome: Outcome
    var counts: [Outcome: Int]
    /// State-changing calls with no known outcome: on the wire, or lost with a crash.
    var open: Int

    var finished: Int { counts.values.reduce(0, +) }
  }

  init(journal: RunJournal, runId: String, total: Int?) {
    self.journal = journal
    self.runId = runId
    self.total = total
  }

  /// The watcher of the run `runId`, its total read from the run's bulk input (as journaled)
  /// when that still loads.
  init(journal: RunJournal, record: RunRecord) {
    let inputs = (try? JSONParser.parse(record.inputs))?.objectValue ?? [:]
    let radius = BlastRadius.of(file: record.playbookPath, inputs: inputs, onBadRow: .skip)
    self.init(journal: journal, runId: record.id, total: radius?.loops.first?.rows)
  }

  func look() throws -> Look {
    Look(
      outcome: try journal.run(runId).outcome, counts: try journal.rowCounts(runId: runId),
      open: try journal.openEffectCount(runId: runId))
  }

  /// Polls every `interval` on `clock`, showing a line each time what it sees changed, until the
  /// run is no longer running; returns how it ended.
  func watch<C: Clock<Duration>>(every interval: Duration, clock: C, show: (String) -> Void) async throws -> Outcome {
    let start = clock.now
    var first: (at: Duration, finished: Int)?
    var last: Look?
    var lastChange = Duration.zero
    var hinted = false
    while true {
      let now = start.duration(to: clock.now)
      let look = try look()
      if look != last {
        if first == nil { first = (now, look.finished) }
        var rate: Double?
        if let first, now > first.at {
          rate = Double(look.finished - first.finished) / Self.seconds(now - first.at)
        }
        show(line(look, at: now, rate: rate))
        last = look
        lastChange = now
        hinted = false
      } else if !hinted, look.outcome == .running, now - lastChange >= Self.quietHint {
        show(
          "+\(Self.duration(Self.seconds(now), up: false)) no change for \(Self.duration(Self.seconds(now - lastChange), up: false)): "
            + "if the run was killed, its journal still says running; resume it with reach run --resume \(runId)")
        hinted = true
      }
      if look.outcome != .running { return look.outcome }
      try await clock.sleep(for: interval)
    }
  }

  /// `+6s running · 1200/2000 rows · 1180 passed · 17 skipped · 3 failed · 12.5 rows/s · ETA 1m04s · 4 calls open`
  func line(_ look: Look, at elapsed: Duration, rate: Double?) -> String {
    var parts = ["+\(Self.duration(Self.seconds(elapsed), up: false)) \(look.outcome.rawValue)"]
    let finished = look.finished
    parts.append(total.map { "\(finished)/\(max($0, finished)) rows" } ?? "\(finished) row\(finished == 1 ? "" : "s")")
    for outcome in [Outcome.passed, .skipped, .failed] {
      parts.append("\(look.counts[outcome] ?? 0) \(outcome.rawValue)")
    }
    if look.outcome == .running, let rate {
      parts.append("\(Self.decimal(rate)) rows/s")
      if let total, rate > 0, total > finished {
        parts.append("ETA " + Self.duration(Double(total - finished) / rate))
      }
    }
    if look.open > 0 { parts.append("\(look.open) call\(look.open == 1 ? "" : "s") open") }
    return parts.joined(separator: " · ")
  }

  static func seconds(_ duration: Duration) -> Double {
    duration / .seconds(1)
  }

  /// One decimal, rounded half up.
  static func decimal(_ value: Double) -> String {
    let tenths = Int((value * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
  }

  /// Whole seconds, rounded up (an ETA) or down (time gone by): `58s`, `3m05s`, `1h02m`.
  static func duration(_ seconds: Double, up: Bool = true) -> String {
    let whole = Int(seconds.rounded(up ? .up : .down))
    if whole < 60 { return "\(whole)s" }
    if whole < 3600 { return "\(whole / 60)m" + String(format: "%02ds", whole % 60) }
    return "\(whole / 3600)h" + String(format: "%02dm", whole % 3600 / 60)
  }
}
