import Playbook
import ReachCatalogue

/// `use`: runs another playbook file with the inputs given in `with`; its `outputs` become this
/// step's result (`steps.<id>.<output>`). The file was validated with the one that uses it.
struct UseExecutor: Sendable {
  let context: RunContext

  func run(_ use: UseStep, _ step: Step, _ state: RunState) async throws(StepFailure) -> StepExecutor.StepResult {
    let path = PlaybookPath.resolve(use.path.value, relativeTo: state.file)
    guard let parsed = context.source.load(path), let playbook = parsed.playbook, parsed.diagnostics.isEmpty else {
      throw StepFailure.failed("\(step.reference) cannot load '\(path)'")
    }
    var given: [String: JSONValue] = [:]
    var secretInputs: Set<String> = []
    for entry in use.arguments {
      do {
        given[entry.key] = try entry.value.evaluate(in: state.environment(context))
      } catch {
        throw StepFailure.from(error)
      }
      if state.readsSecret(entry.value) {
        secretInputs.insert("inputs." + entry.key)
        context.masker.register(given[entry.key] ?? .null)
      }
    }
    let inputs: [String: JSONValue]
    do {
      inputs = try InputResolver(source: context.source).resolve(playbook, given: given)
    } catch {
      throw StepFailure.failed("\(step.reference): \(error.description)")
    }
    var inner = RunState(file: path, inputs: inputs)
    inner.scope = state.scope + [step.label]
    inner.tainted = secretInputs
    inner.taintSecretInputs(of: playbook, masker: context.masker)
    let outputs = try await PlaybookExecution(context: context).run(playbook, &inner)
    let tainted = Set(outputs.keys.filter { inner.tainted.contains("outputs." + $0) })
    return StepExecutor.StepResult(value: outputs, extracted: outputs, tainted: tainted)
  }
}
