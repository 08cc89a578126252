import Playbook
import ReachCatalogue

/// `set`: assigns vars, in the order written (a later value may read an earlier one).
struct SetExecutor: Sendable {
  let context: RunContext

  func run(_ entries: [TemplateEntry], _ state: inout RunState) throws(StepFailure) -> StepExecutor.StepResult {
    for entry in entries {
      do {
        state.vars[entry.key] = try entry.value.evaluate(in: state.environment(context))
      } catch {
        throw StepFailure.from(error)
      }
    }
    return StepExecutor.StepResult()
  }
}
