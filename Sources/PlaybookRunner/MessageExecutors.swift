import Playbook
import ReachCatalogue

/// `log`: a message for the console and reports, redacted.
struct LogExecutor: Sendable {
  let context: RunContext

  func run(_ message: Template, _ reference: StepReference, _ state: RunState) throws(StepFailure)
    -> StepExecutor.StepResult
  {
    let value: JSONValue
    do {
      value = try state.evaluateMasked(message, context)
    } catch {
      throw StepFailure.from(error)
    }
    let text = context.redact(value.interpolated)
    context.emit(.logged(reference, message: text))
    return StepExecutor.StepResult(value: ["message": .string(text)])
  }
}

/// `fail`: ends the run as failed with the message.
struct FailExecutor: Sendable {
  let context: RunContext

  func failure(_ message: Template, _ state: RunState) -> StepFailure {
    do {
      return .failed(context.redact(try state.evaluateMasked(message, context).interpolated))
    } catch {
      return .from(error)
    }
  }
}

/// `manual`: a requirement a person confirms. The step neither passes nor fails the run; reports
/// list it with room for who confirmed it and when.
struct ManualExecutor: Sendable {
  let context: RunContext

  func run(_ text: Template, _ state: RunState) throws(StepFailure) -> StepExecutor.StepResult {
    let value: JSONValue
    do {
      value = try state.evaluateMasked(text, context)
    } catch {
      throw StepFailure.from(error)
    }
    let message = context.redact(value.interpolated)
    return StepExecutor.StepResult(value: ["text": .string(message)], outcome: .manual(message))
  }
}
