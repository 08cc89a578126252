import Playbook
import ReachCatalogue
import ReachClient
import RunJournal
import Synchronization

/// `foreach` over a csv input that declares its columns: the rows are read from the file as they
/// are admitted (memory stays flat). Rows in flight are many (`rowsInFlight`), requests in flight
/// few: at most `concurrency` requests are on the wire (`--concurrency` overrides it; see
/// `RequestGate`), and twice as many rows work at once (`rowsWorking`); a row that waits on the
/// platform (a poll, `wait_for`) gives its place to the next (see `RowAdmission`), so the rate
/// limit, not the waiting, sets the pace. Each row ends done, skipped (a `skip` step, or a line
/// the check refused) or failed; a failed row does not stop the others. Rows are journaled; lines the run being
/// resumed finished are not run again. An abort (rate limit exhausted, interrupted) starts no new
/// row and lets the requests on the wire finish; the calls of rows still waiting for a request
/// permit are not sent (the rate limit closes the loop's gate, an interrupt cancels the rows).
struct BulkForeachExecutor: Sendable {
  let context: RunContext
  /// A row whose state-changing call got no answer it could be judged by (504, a lost
  /// connection), or that failed on a 5xx the client's retries did not get past, runs again from
  /// its start, up to this many times in all: its read of the state decides whether the call is
  /// sent again.
  static let attemptsPerRow = 3

  /// Rows working at once (running their steps, syncing a call's intent to the journal, waiting
  /// for a rate-limit slot or a request permit) for `concurrency` requests on the wire: twice as
  /// many, so that while `concurrency` requests are out, the next rows get their calls ready, the
  /// intent on disk before each as always, and one takes a permit as soon as an answer frees it.
  /// With as many rows as permits, a permit would sit idle while its next row syncs its intent
  /// and runs its steps (figures: the commit that made it so, and README's Benchmarks).
  static func rowsWorking(concurrency: Int) -> Int {
    concurrency * 2
  }

  /// Rows in flight by default: 64 for each request permit, at least 1,024. Enough that waits of
  /// 30 s (a suspension, sandbox time) at 100 requests a second do not stall the run; each
  /// costs a task and its row's values, so a million-row file stays flat.
  static func rowsInFlight(concurrency: Int) -> Int {
    max(concurrency * 64, 1024)
  }

  func run(_ foreach: ForeachStep, _ step: Step, _ input: CSVInput, _ state: inout RunState) async throws(StepFailure)
    -> StepExecutor.StepResult
  {
    guard let reader = CSVReader(path: input.path) else {
      throw .failed("\(step.reference): cannot read '\(input.path)' any more")
    }
    do {
      _ = try reader.header()
    } catch {
      throw .failed("\(input.path):\(error.line): \(error.message)")
    }
    let reference = state.reference(step)
    let finished = context.journal?.finished ?? []
    let already = finished.count
    context.emit(.rowsStarted(reference, total: input.goodRowCount, already: already, bad: input.badRows.count))
    let concurrency = max(1, context.concurrency ?? foreach.concurrency)
    let gauges = context.gauges
    let admission = RowAdmission(active: Self.rowsWorking(concurrency: concurrency), gauges: gauges)
    let gate = RequestGate(limit: concurrency)
    let emit = context.emit
    // The run's whole context, but for what a row changes.
    let rowContext = context.with { row in
      // Inside a row only the row's end is reported: thousands of rows would drown the console.
      row.emit = { event in
        switch event {
        // Drift is new only once a run: it does not drown the console.
        case .rowFinished, .contractDrift: emit(event)
        default: break
        }
      }
      row.admission = admission
      row.gate = gate
    }
    gauges?.use(gate)
    defer { gauges?.use(nil) }
    let masker = context.masker
    let executor = StepExecutor(context: rowContext)
    let clock = context.clock
    let journal = context.journal
    let base = state
    let label = step.label
    let feed = RowFeed(reader: reader, input: input, finished: finished) { result in
      // Queued, not waited for: committed with the next intents (a row lost to a crash before
      // that runs again on resume, and its read of the state decides).
      if let journal {
        let outcome: Outcome
        switch result.outcome {
        case .done: outcome = .passed
        case .skipped: outcome = .skipped
        case .failed: outcome = .failed
        }
        journal.journal.queueRow(
          runId: journal.runId, line: result.line, key: result.key, outcome: outcome, reason: result.reason,
          httpStatus: result.status, attempts: result.attempts, durationMs: result.durationMs)
      }
      emit(.rowFinished(reference, result))
    }

    /// One row, from its first attempt to its result; nil with the failure that aborts the run.
    @Sendable func runRow(_ line: Int, _ row: JSONValue) async -> (RowResult?, StepFailure?) {
      var rowState = base
      rowState.bind(foreach.itemName, row, secret: false, masker)
      rowState.scope.append("\(label)[line \(line)]")
      let trace = RowTrace(line: line)
      rowState.row = trace
      let key = input.key(row)
      let stopwatch = Stopwatch.start(clock)
      var result = RowResult(line: line, key: key, outcome: .done)
      var failure: StepFailure?
      // Unknown outcomes of this row's own attempts: settled by the next attempt's read.
      var unknown: [(id: Int64, endpointID: String)] = []
      for attempt in 1...BulkForeachExecutor.attemptsPerRow {
        var attemptState = rowState
        result = RowResult(line: line, key: key, outcome: .done)
        failure = nil
        do throws(StepFailure) {
          try await executor.run(foreach.steps, &attemptState)
        } catch {
          switch error {
          case .skipped(let reason):
            result.outcome = .skipped
            result.reason = reason
          case .failed(let message):
            result.outcome = .failed
            result.reason = message.split(separator: "\n").first.map(String.init) ?? message
          case .aborted:
            failure = error
          }
        }
        // Only an attempt that ran to its end (done, or skipped on the state it read) settles
        // the earlier attempts' unknown calls; one that failed on the way (a read that got 5xx)
        // saw nothing, and hands them on to the next attempt, or leaves them unknown.
        if !unknown.isEmpty, failure == nil, result.outcome != .failed {
          journal?.reconcile(unknown, resent: trace.sent)
          // The state it read showed this run's own call had taken effect: the row is done.
          let sent = trace.sent
          let tookEffect = unknown.contains { !(sent[$0.endpointID].map { (200..<300).contains($0) } ?? false) }
          if result.outcome == .skipped, tookEffect { result.markReconciled() }
          unknown = []
        }
        unknown += trace.takeUnknown()
        // Run the row again when a state-changing call's outcome is unknown, or the platform
        // kept failing (5xx after the client's retries): the row reads the state first.
        let serverError = (trace.status ?? 0) >= 500
        guard result.outcome == .failed, failure == nil, !unknown.isEmpty || serverError,
          attempt < BulkForeachExecutor.attemptsPerRow
        else { break }
      }
      // Out of attempts with a call's outcome still unknown: the journal keeps it unknown (the
      // read of a run given the failed rows again settles it), and the reason says so.
      if result.outcome == .failed, failure == nil, let endpoint = unknown.first?.endpointID {
        result.reason = "\(endpoint)'s outcome is unknown (check the line's state): \(result.reason ?? "")"
      }
      // A failed `check` failed its step without ending the row: the row is not done.
      if result.outcome == .done, failure == nil, let message = trace.failedCheckMessage {
        result.outcome = .failed
        result.reason = message
      }
      result.status = trace.status
      result.attempts = trace.attempts
      result.durationMs = stopwatch.elapsed.milliseconds
      // A row that failed because the run was interrupted under it is not finished: the
      // resumed run runs it again (its call, if any, is journaled unknown and reconciled).
      if result.outcome == .failed, Task.isCancelled { failure = .aborted("interrupted") }
      guard failure == nil else { return (nil, failure) }
      if let journal, journal.hadEffect(line: line) {
        // The state read at the row's start showed the earlier attempt's call took effect.
        if result.outcome == .skipped { result.markReconciled() }
        journal.reconcile(line: line, resent: trace.sent)
      }
      return (result, nil)
    }

    // A worker per row in flight, each taking the next row when it is done with one and has a
    // place to work: no task per row, and no hop to a coordinating task between rows. Each works
    // on one of the caller's threads (its transport's event loops), where its calls' answers
    // arrive.
    let executors = context.caller.taskExecutors
    let rows = input.rowCount - already
    let workers = max(1, min(context.rowsInFlight ?? Self.rowsInFlight(concurrency: concurrency), rows))
    await withTaskGroup(of: Void.self) { group in
      for worker in 0..<workers {
        let loop = executors.isEmpty ? nil : executors[worker % executors.count]
        group.addTask(executorPreference: loop) {
          while await admission.start() {
            guard let (line, row) = feed.next() else {
              admission.leave()
              gauges?.rowEnded()
              return
            }
            let (result, failure) = await runRow(line, row)
            // Counted (an abort recorded) before its place goes to another row, and in flight
            // until that row is.
            feed.finish(result, failure)
            admission.leave()
            gauges?.rowEnded()
          }
        }
      }
    }
    let (counts, readError, firstAbort) = feed.totals
    var abort = firstAbort
    // Every row and outcome queued is on disk before the loop reports its end.
    do {
      try await journal?.journal.flush()
    } catch {
      abort = abort ?? .aborted("cannot write the journal: \(error)")
    }
    // Interrupted: whatever the calls in flight said about it.
    if Task.isCancelled { throw .aborted("interrupted") }
    if let abort { throw abort }
    if let readError { throw .failed("\(input.path):\(readError.line): \(readError.message)") }
    let failed = counts[.failed, default: 0]
    let summary: [String: JSONValue] = [
      "done": .int(counts[.done, default: 0]), "skipped": .int(counts[.skipped, default: 0]), "failed": .int(failed),
      "already": .int(already),
    ]
    if failed > 0 {
      throw .failed("\(failed) row\(failed == 1 ? "" : "s") of \(reference) failed; see the rows above or the journal")
    }
    return StepExecutor.StepResult(value: summary)
  }
}

/// The rows' shared side for a bulk run's workers: the reader, the counts, the first failure
/// that aborts the run. Rows are handed out in the file's order, one at a time.
final class RowFeed: Sendable {
  private struct State: ~Copyable {
    let reader: CSVReader
    var counts: [RowResult.Outcome: Int] = [:]
    var abort: StepFailure?
    var readError: RowError?
  }

  private let state: Mutex<State>
  private let input: CSVInput
  private let finished: Set<Int>
  private let record: @Sendable (RowResult) -> Void

  init(reader: sending CSVReader, input: CSVInput, finished: Set<Int>, record: @escaping @Sendable (RowResult) -> Void)
  {
    self.state = Mutex(State(reader: reader))
    self.input = input
    self.finished = finished
    self.record = record
  }

  /// The next row to run, journaling refused lines as skipped on the way; nil at the end of the
  /// file, after an abort, or once the run is interrupted.
  func next() -> (line: Int, row: JSONValue)? {
    guard !Task.isCancelled else { return nil }
    var refused: [RowResult] = []
    defer { for result in refused { record(result) } }
    return state.withLock { state -> (line: Int, row: JSONValue)? in
      guard state.abort == nil, state.readError == nil else { return nil }
      while true {
        let record: (line: Int, fields: [String])?
        do throws(RowError) {
          record = try state.reader.next()
        } catch {
          state.readError = error
          return nil
        }
        guard let (line, fields) = record else { return nil }
        if finished.contains(line) { continue }
        if let problem = input.badRows[line] {
          refused.append(
            RowResult(line: line, key: fields.first ?? "", outcome: .skipped, reason: "bad row: \(problem)"))
          state.counts[.skipped, default: 0] += 1
          continue
        }
        return (line, input.row(fields))
      }
    }
  }

  /// A row's end: counted and recorded, or the failure that stops the run.
  func finish(_ result: RowResult?, _ failure: StepFailure?) {
    state.withLock { state in
      if let result { state.counts[result.outcome, default: 0] += 1 }
      if let failure, state.abort == nil { state.abort = failure }
    }
    if let result { record(result) }
  }

  /// What the workers left: the rows counted by outcome, a read error, the first abort.
  var totals: (counts: [RowResult.Outcome: Int], readError: RowError?, abort: StepFailure?) {
    state.withLock { ($0.counts, $0.readError, $0.abort) }
  }
}
