import Foundation
import PlaybookRunner
import ReachCatalogue
import Synchronization

/// Prints each event as it comes and keeps them all for the reports; shows a bulk run's progress
/// on stderr (see `ProgressTicker`).
final class EventLog: Sendable {
  private let state: Mutex<(report: ConsoleReport, events: [RunEvent], wall: [Duration], progress: ProgressTicker)>
  /// `--report csv=PATH`: bulk rows are appended as they end; and how many failed.
  private let rows: Mutex<(file: FileHandle?, failed: Int)>
  private let started = ContinuousClock.now
  /// The platform side's figures for the progress line, if any.
  private let pace: (@Sendable () -> PaceReading?)?

  /// `live`: stderr is a terminal, so the progress line is redrawn in place. `earlierRows`: the
  /// rows a resumed run's earlier attempts finished (from the journal), written to the csv report
  /// first, so it lists every row of the run and its failed rows can be run again from it.
  init(
    colour: Bool, hyperlinks: Bool = false, rowReport: FileHandle? = nil, rowKey: String = "customerId",
    earlierRows: [RowResult] = [], live: Bool = isatty(STDERR_FILENO) == 1,
    pace: (@Sendable () -> PaceReading?)? = nil
  ) {
    var report = ConsoleReport(colour: colour)
    report.hyperlinks = hyperlinks
    state = Mutex((report, [], [], ProgressTicker(live: live)))
    rows = Mutex((rowReport, 0))
    self.pace = pace
    guard let rowReport else { return }
    var text = RowCSVReport.header(key: rowKey)
    for row in earlierRows { text += Console.masker.mask(RowCSVReport.line(row)) }
    rowReport.write(Data(text.utf8))
    rows.withLock { $0.failed = earlierRows.count { $0.outcome == .failed } }
  }

  /// The bulk rows that failed so far.
  var failedRows: Int { rows.withLock { $0.failed } }

  func record(_ event: RunEvent) {
    let now = ContinuousClock.now - started
    if case .rowFinished(_, let row) = event {
      rows.withLock { rows in
        rows.file?.write(Data(Console.masker.mask(RowCSVReport.line(row)).utf8))
        if row.outcome == .failed { rows.failed += 1 }
      }
    }
    // Written under the lock: the live line is erased, other lines printed, and the line drawn
    // again in the order the events came.
    state.withLock { state in
      // Rows are not kept: a bulk run has millions; `runs show` and the csv report list them.
      if case .rowFinished = event {
      } else {
        state.events.append(event)
        state.wall.append(now)
      }
      let lines = state.report.lines(for: event)
      if !lines.isEmpty, let clear = state.progress.clear() { Console.stderr(clear) }
      for line in lines { Console.styled(line) }
      let reading = state.progress.progress == nil ? nil : pace?()
      if let progress = state.progress.text(for: event, at: now, pace: reading) {
        Console.stderr(progress)
      }
    }
  }

  /// Draws the progress line when it is due though no row finished (`ProgressTicker.tick`), at
  /// `now` after the log was made (the wall clock's, by default).
  func tick(at now: Duration? = nil) {
    let now = now ?? ContinuousClock.now - started
    state.withLock { state in
      guard state.progress.progress != nil else { return }
      if let text = state.progress.tick(at: now, pace: pace?()) { Console.stderr(text) }
    }
  }

  /// Ticks every `interval` on `clock` until the returned task is cancelled: the first rows of a
  /// run may take a while, and the line shows meanwhile.
  func ticking(every interval: Duration = .seconds(1), on clock: any Clock<Duration> = ContinuousClock())
    -> Task<Void, Never>
  {
    Task { [self] in
      while !Task.isCancelled {
        do { try await clock.sleep(for: interval) } catch { return }
        tick()
      }
    }
  }

  var events: [RunEvent] { state.withLock { $0.events } }

  /// The events with when each arrived on the wall clock, since the log was made.
  var timedEvents: (events: [RunEvent], wall: [Duration]) { state.withLock { ($0.events, $0.wall) } }
}
