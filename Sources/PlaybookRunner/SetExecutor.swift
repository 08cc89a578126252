import Playbook
import ReachCatalogue

/// `set`: assigns vars, in the order written (a later value may read an earlier one).
struct SetExecutor: Sendable {
  let context: RunContext

  func run(_ entries: [TemplateEntry], _ state: inout RunState) throws(StepFailure) -> StepExecutor.StepResult {
    for entry in entries {
      do {
        let value = try entry.value.evaluate(in: state.environment(context))
        state.vars[entry.key] = value
        state.taint("vars." + entry.key, value, from: entry.value, context.masker)
      } catch {
        throw StepFailure.from(error)
      }
    }
    return StepExecutor.StepResult()
  }
}
