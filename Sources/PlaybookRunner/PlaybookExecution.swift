import Playbook
import ReachCatalogue

/// One playbook from its vars to its outputs, on a state whose inputs are resolved. Used for the
/// top-level playbook and for every `use`.
struct PlaybookExecution: Sendable {
  let context: RunContext

  /// - Parameter skipEndsHere: Whether a `skip` ends this playbook, which then still gives its
  /// outputs (the run's top level); elsewhere it ends the enclosing foreach item.
  func run(_ playbook: Playbook, _ state: inout RunState, skipEndsHere: Bool = false) async throws(StepFailure)
    -> [String: JSONValue]
  {
    for entry in playbook.vars {
      let value = try evaluate(entry, "vars", state)
      state.vars[entry.key] = value
      state.taint("vars." + entry.key, value, from: entry.value, context.masker)
    }
    do {
      try await StepExecutor(context: context).run(playbook.steps, &state)
    } catch {
      guard skipEndsHere, case .skipped = error else { throw error }
    }
    var outputs: [String: JSONValue] = [:]
    for entry in playbook.outputs {
      let value = try evaluate(entry, "outputs", state)
      outputs[entry.key] = value
      state.taint("outputs." + entry.key, value, from: entry.value, context.masker)
    }
    return outputs
  }

  /// A var's starting value or an output. One that cannot be evaluated fails as a step of its
  /// own (`outputs.total`), so that every report counts the failure.
  private func evaluate(_ entry: TemplateEntry, _ section: String, _ state: RunState) throws(StepFailure)
    -> JSONValue
  {
    do {
      return try entry.value.evaluate(in: state.environment(context))
    } catch {
      let failure = StepFailure.from(error)
      let reference = StepReference(scope: state.scope, label: "\(section).\(entry.key)", location: entry.keyLocation)
      context.emit(.stepStarted(reference))
      context.emit(.stepFinished(reference, failure.outcome, duration: .zero, extracted: [:]))
      throw failure
    }
  }
}
