import Playbook
import ReachCatalogue

/// Runs steps in order: checks `if`, hands each kind to its executor, records the step's result
/// under `steps.<id>` and emits start and finish events.
struct StepExecutor: Sendable {
  let context: RunContext

  func run(_ steps: [Step], _ state: inout RunState) async throws(StepFailure) {
    for step in steps { try await run(step, &state) }
  }

  func run(_ step: Step, _ state: inout RunState) async throws(StepFailure) {
    // An interrupted run stops before its next step (exit 3), never halfway through one.
    if Task.isCancelled { throw .aborted("interrupted") }
    let reference = state.reference(step)
    if let condition = step.condition {
      let holds: Bool
      do {
        holds = try condition.evaluate(in: state.environment(context)).isTruthy
      } catch {
        // The step neither ran nor was skipped: it failed, and every report says so.
        let failure = StepFailure.from(error)
        context.emit(.stepStarted(reference))
        context.emit(.stepFinished(reference, failure.outcome, duration: .zero, extracted: [:]))
        throw failure
      }
      if !holds {
        // A `skip` whose condition does not hold skipped nothing: the item goes on, unreported.
        if case .skip = step.kind { return }
        context.emit(.stepSkipped(reference, condition: condition.source))
        return
      }
    }
    context.emit(.stepStarted(reference))
    let stopwatch = Stopwatch.start(context.clock)
    // The first step that waits for the platform after a person was asked to act waits on them.
    if let task = state.awaitingPerson, step.waitsForPlatform {
      state.awaitingPerson = nil
      context.emit(
        .logged(
          reference,
          message: "waiting on a person to \(task.action) at \(task.url): the platform reports it when they have"))
    }
    do {
      let result = try await execute(step, reference, &state)
      if let id = step.id?.value {
        state.steps[id] = .object(result.value)
        for key in result.tainted { state.tainted.insert("steps.\(id).\(key)") }
      }
      context.emit(
        .stepFinished(
          reference, result.outcome, duration: stopwatch.elapsed,
          extracted: SecretTaint.shown(result.extracted, secret: result.tainted).mapValues(context.redacted)))
    } catch {
      context.emit(.stepFinished(reference, error.outcome, duration: stopwatch.elapsed, extracted: [:]))
      throw error
    }
  }

  /// What a step leaves under `steps.<id>`, and what to show as extracted.
  struct StepResult {
    var value: [String: JSONValue] = [:]
    var extracted: [String: JSONValue] = [:]
    /// Passed, unless the step leaves the verdict to a person (`manual`).
    var outcome: StepOutcome = .passed
    /// The keys of `value` that hold a secret or a value computed from one.
    var tainted: Set<String> = []
  }

  private func execute(_ step: Step, _ reference: StepReference, _ state: inout RunState) async throws(StepFailure)
    -> StepResult
  {
    switch step.kind {
    case .call(let call): return try await CallExecutor(context: context).run(call, reference, state)
    case .switch(let switchStep): return try await SwitchExecutor(context: context).run(switchStep, &state)
    case .foreach(let foreach): return try await ForeachExecutor(context: context).run(foreach, step, &state)
    case .use(let use): return try await UseExecutor(context: context).run(use, step, state)
    case .set(let entries): return try SetExecutor(context: context).run(entries, &state)
    case .fail(let message): throw FailExecutor(context: context).failure(message, state)
    case .log(let message): return try LogExecutor(context: context).run(message, reference, state)
    case .sleep(let duration):
      try await context.sleep(duration.value)
      return StepResult()
    case .customer(let customer): return try await CustomerExecutor(context: context).run(customer, &state)
    case .skip(let reason):
      let text: String
      do {
        text = try state.evaluateMasked(reason, context).interpolated
      } catch {
        throw StepFailure.from(error)
      }
      throw StepFailure.skipped(context.redact(text))
    case .check(let check): return try await CheckExecutor(context: context).run(check, reference, state)
    case .manual(let text): return try ManualExecutor(context: context).run(text, state)
    case .waitFor(let wait): return try await WaitForExecutor(context: context).run(wait, state)
    case .store(let store): return try await StoreExecutor(context: context).run(store, state)
    }
  }
}

extension Step {
  /// A `wait_for`, or a call that polls: a step that waits for the platform to report something.
  var waitsForPlatform: Bool {
    switch kind {
    case .waitFor: return true
    case .call(let call): return call.poll != nil
    default: return false
    }
  }
}
