import Playbook
import ReachCatalogue

/// One playbook from its vars to its outputs, on a state whose inputs are resolved. Used for the
/// top-level playbook and for every `use`.
struct PlaybookExecution: Sendable {
  let context: RunContext

  func run(_ playbook: Playbook, _ state: inout RunState) async throws(StepFailure) -> [String: JSONValue] {
    for entry in playbook.vars {
      do {
        state.vars[entry.key] = try entry.value.evaluate(in: state.environment(context))
      } catch {
        throw StepFailure.from(error)
      }
    }
    try await StepExecutor(context: context).run(playbook.steps, &state)
    var outputs: [String: JSONValue] = [:]
    for entry in playbook.outputs {
      do {
        outputs[entry.key] = try entry.value.evaluate(in: state.environment(context))
      } catch {
        throw StepFailure.from(error)
      }
    }
    return outputs
  }
}
