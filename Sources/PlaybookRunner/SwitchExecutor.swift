import Playbook
import ReachCatalogue

/// `switch`: runs the steps of the case whose key is the subject's text, else `default`.
/// `steps.<id>.value` is the subject.
struct SwitchExecutor: Sendable {
  let context: RunContext

  func run(_ step: SwitchStep, _ state: inout RunState) async throws(StepFailure) -> StepExecutor.StepResult {
    let subject: JSONValue
    do {
      subject = try step.subject.evaluate(in: state.environment(context))
    } catch {
      throw StepFailure.from(error)
    }
    if let steps = step.steps(for: subject) { try await StepExecutor(context: context).run(steps, &state) }
    return StepExecutor.StepResult(value: ["value": subject])
  }
}
