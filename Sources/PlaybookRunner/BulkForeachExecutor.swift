import Playbook
import ReachCatalogue
import RunJournal

/// `foreach` over a csv input that declares its columns: the rows are read from the file as
/// workers free up (memory stays flat), at most `concurrency` at a time (`--concurrency`
/// overrides it). Each row ends done, skipped (a `skip` step, or a line the check refused) or
/// failed; a failed row does not stop the others. Rows are journaled; lines the run being resumed
/// finished are not run again. An abort (rate limit exhausted, interrupted) starts no new row and
/// lets the rows in flight finish.
struct BulkForeachExecutor: Sendable {
  let context: RunContext
  /// A row whose state-changing call got no answer it could be judged by (504, a lost
  /// connection), or that failed on a 5xx the client's retries did not get past, runs again from
  /// its start, up to this many times in all: its read of the state decides whether the call is
  /// sent again.
  static let attemptsPerRow = 3

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
    // Inside a row only the row's end is reported: thousands of rows would drown the console.
    var rowContext = context
    let emit = context.emit
    rowContext = RunContext(
      caller: context.caller, clock: context.clock, source: context.source,
      emit: { event in
        if case .rowFinished = event { emit(event) }
      }, now: context.now, uuid: context.uuid, journal: context.journal, concurrency: context.concurrency)
    let executor = StepExecutor(context: rowContext)
    let clock = context.clock
    let journal = context.journal
    let base = state
    let label = step.label
    let concurrency = context.concurrency ?? foreach.concurrency
    var counts: [RowResult.Outcome: Int] = [:]
    var abort: StepFailure?
    var readError: RowError?

    /// The next row to run, journaling refused lines as skipped on the way.
    func nextRow() -> (line: Int, row: JSONValue)? {
      while true {
        let record: (line: Int, fields: [String])?
        do {
          record = try reader.next()
        } catch {
          readError = error
          return nil
        }
        guard let (line, fields) = record else { return nil }
        if finished.contains(line) { continue }
        if let problem = input.badRows[line] {
          let result = RowResult(
            line: line, key: fields.first ?? "", outcome: .skipped, reason: "bad row: \(problem)")
          journalRow(result)
          counts[.skipped, default: 0] += 1
          continue
        }
        return (line, input.row(fields))
      }
    }

    /// Queued, not waited for: committed with the next intents (a row lost to a crash before
    /// that runs again on resume, and its read of the state decides).
    func journalRow(_ result: RowResult) {
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

    await withTaskGroup(of: (RowResult?, StepFailure?).self) { group in
      func add(_ line: Int, _ row: JSONValue) {
        var rowState = base
        rowState.bindings[foreach.itemName] = row
        rowState.scope.append("\(label)[line \(line)]")
        let trace = RowTrace(line: line)
        rowState.row = trace
        let key = input.key(row)
        group.addTask { [rowState] in
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
            if !unknown.isEmpty, failure == nil {
              journal?.reconcile(unknown, resent: trace.sent)
              if result.outcome == .skipped { result.markReconciled() }
              unknown = []
            }
            let left = trace.takeUnknown()
            // Run the row again when a state-changing call's outcome is unknown, or the platform
            // kept failing (5xx after the client's retries): the row reads the state first.
            let serverError = (trace.status ?? 0) >= 500
            guard result.outcome == .failed, failure == nil, !left.isEmpty || serverError,
              attempt < BulkForeachExecutor.attemptsPerRow
            else { break }
            unknown = left
          }
          result.status = trace.status
          result.attempts = trace.attempts
          let elapsed = stopwatch.elapsed.components
          result.durationMs = Int(elapsed.seconds * 1000 + elapsed.attoseconds / 1_000_000_000_000_000)
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
      }
      var inFlight = 0
      while inFlight < concurrency, !Task.isCancelled, let (line, row) = nextRow() {
        add(line, row)
        inFlight += 1
      }
      while let (result, failure) = await group.next() {
        inFlight -= 1
        if let result {
          counts[result.outcome, default: 0] += 1
          journalRow(result)
        }
        if let failure, abort == nil { abort = failure }
        if abort == nil, !Task.isCancelled, let (line, row) = nextRow() {
          add(line, row)
          inFlight += 1
        }
      }
    }
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
