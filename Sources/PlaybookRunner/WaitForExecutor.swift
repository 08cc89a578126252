import Playbook
import ReachCatalogue

/// `wait_for`: looks at the run's webhook receiver every second of the run's clock until an
/// event of the type arrives for which `where` holds, then evaluates `extract` over it. Only
/// events received since the run started count. Leaves `event` (its body) and the extracted
/// names under `steps.<id>`.
struct WaitForExecutor: Sendable {
  let context: RunContext

  func run(_ step: WaitForStep, _ state: RunState) async throws(StepFailure) -> StepExecutor.StepResult {
    guard let webhooks = context.webhooks, let start = context.webhookStart else {
      throw .failed(
        "'wait_for \(step.type.value)' needs a webhook receiver: run against the embedded sandbox, "
          + "or give --webhooks-db with the store of the `reach webhooks serve` the platform calls")
    }
    let timeout = step.timeout ?? WaitForStep.defaultTimeout
    let condition = step.condition.flatMap { $0.single ?? $0.expressions.first }
    var cursor = start
    var waited = Duration.zero
    var seen = 0
    var lastMiss: (event: JSONValue, explanation: [String])?
    while true {
      await webhooks.deliverDue()
      let events: [ReceivedEvent]
      do {
        events = try await webhooks.events(after: cursor)
      } catch {
        throw .failed("cannot read the webhook receiver's events: \(error)")
      }
      for event in events {
        cursor = max(cursor, event.sequence)
        guard event.type == step.type.value else { continue }
        seen += 1
        let environment = state.environment(context, event: event.body)
        if let condition {
          let holds: Bool
          do {
            holds = try condition.evaluate(in: environment).isTruthy
          } catch {
            throw StepFailure.from(error)
          }
          if !holds {
            lastMiss = (event.body, condition.explain(in: environment))
            continue
          }
        }
        return try result(step, event.body, environment)
      }
      guard waited + WaitForStep.checkEvery <= timeout else { break }
      try await context.sleep(WaitForStep.checkEvery)
      waited += WaitForStep.checkEvery
    }
    var message =
      "no \(step.type.value) \(step.endpoint) "
      + (condition.map { "matching \($0) " } ?? "") + "arrived within \(PlaybookDuration.format(timeout))"
    if let lastMiss {
      message +=
        "; \(seen) other \(step.type.value) event\(seen == 1 ? "" : "s") arrived, the last: "
        + context.caller.redacted(lastMiss.event).jsonText() + "\n"
        + context.redact(lastMiss.explanation.joined(separator: "\n"))
    }
    throw .failed(message)
  }

  private func result(_ step: WaitForStep, _ body: JSONValue, _ environment: ExpressionEnvironment)
    throws(StepFailure) -> StepExecutor.StepResult
  {
    var extracted: [String: JSONValue] = [:]
    for entry in step.extract {
      do {
        extracted[entry.key] = try entry.value.evaluate(in: environment)
      } catch {
        throw StepFailure.from(error)
      }
    }
    var value = extracted
    value["event"] = body
    return StepExecutor.StepResult(value: value, extracted: extracted)
  }
}
