import Playbook
import ReachCatalogue

/// `call`: evaluates the arguments, sends through the client, repeats while polling, checks
/// `expect`, evaluates `extract`. Inside, `response` is the body and `http.status` the status.
struct CallExecutor: Sendable {
  let context: RunContext

  func run(_ call: CallStep, _ reference: StepReference, _ state: RunState) async throws(StepFailure)
    -> StepExecutor.StepResult
  {
    var arguments: [String: JSONValue] = [:]
    for entry in call.arguments {
      do {
        arguments[entry.key] = try entry.value.evaluate(in: state.environment(context))
      } catch {
        throw StepFailure.from(error)
      }
    }
    var response = try await send(call, arguments, reference)
    if let poll = call.poll {
      response = try await self.poll(poll, call, arguments, reference, state, first: response)
    }
    let environment = state.environment(context, response: response.body, status: response.status)
    try check(call.expect, response, call, environment)
    var extracted: [String: JSONValue] = [:]
    for entry in call.extract {
      do {
        extracted[entry.key] = try entry.value.evaluate(in: environment)
      } catch {
        throw StepFailure.from(error)
      }
    }
    var value = extracted
    value["response"] = response.body
    value["http"] = ["status": .int(response.status)]
    return StepExecutor.StepResult(value: value, extracted: extracted)
  }

  private func send(_ call: CallStep, _ arguments: [String: JSONValue], _ reference: StepReference)
    async throws(StepFailure) -> EndpointAnswer
  {
    do {
      let stopwatch = Stopwatch.start(context.clock)
      let response = try await context.caller.answer(call.endpoint.value, arguments)
      context.emit(
        .callAnswered(reference, endpointID: call.endpoint.value, status: response.status, attempts: response.attempts))
      let transaction = response.body["transactionId"].flatMap { context.caller.redacted($0).stringValue }
      context.emit(
        .evidence(
          reference,
          Evidence(
            subject: call.endpoint.value, status: response.status, elapsed: response.latency ?? stopwatch.elapsed,
            attempts: response.attempts, transactionID: transaction)))
      return response
    } catch {
      throw StepFailure.from(error)
    }
  }

  /// Calls again every `every` (growing by `backoff`) until `until` holds; `fail_if` holding or
  /// the waited time passing `timeout` fails the step with what each part of `until` evaluated to.
  private func poll(
    _ poll: Poll, _ call: CallStep, _ arguments: [String: JSONValue], _ reference: StepReference, _ state: RunState,
    first: EndpointAnswer
  ) async throws(StepFailure) -> EndpointAnswer {
    guard let until = poll.until?.single ?? poll.until?.expressions.first else { return first }
    let timeout = poll.timeout ?? Poll.defaultTimeout
    var response = first
    var attempt = 1
    var interval = poll.every
    var waited = Duration.zero
    while true {
      let environment = state.environment(context, response: response.body, status: response.status)
      if let failIf = poll.failIf?.single ?? poll.failIf?.expressions.first, try holds(failIf, environment) {
        context.emit(.pollAttempt(reference, attempt: attempt, status: response.status, done: false))
        throw StepFailure.failed(
          "'fail_if' held on attempt \(attempt): \(failIf)\n"
            + context.redact(failIf.explain(in: environment).joined(separator: "\n")))
      }
      let done = try holds(until, environment)
      context.emit(.pollAttempt(reference, attempt: attempt, status: response.status, done: done))
      if done { return response }
      guard waited + interval <= timeout else {
        throw StepFailure.failed(
          "'until' did not hold after \(attempt) attempts over \(PlaybookDuration.format(waited)) (timeout \(PlaybookDuration.format(timeout))): \(until)\n"
            + context.redact(until.explain(in: environment).joined(separator: "\n")))
      }
      try await context.sleep(interval)
      waited += interval
      if let backoff = poll.backoff { interval = interval * backoff }
      attempt += 1
      response = try await send(call, arguments, reference)
    }
  }

  private func holds(_ expression: Expression, _ environment: ExpressionEnvironment) throws(StepFailure) -> Bool {
    do {
      return try expression.evaluate(in: environment).isTruthy
    } catch {
      throw StepFailure.from(error)
    }
  }

  /// The status (any 2xx unless `expect.status` says otherwise), then every `that`.
  private func check(
    _ expect: Expectation?, _ response: EndpointAnswer, _ call: CallStep, _ environment: ExpressionEnvironment
  ) throws(StepFailure) {
    let accepted = expect?.accepts(status: response.status) ?? (200..<300).contains(response.status)
    guard accepted else {
      let wanted = expect?.status.map { $0.map(\.description).joined(separator: ", ") } ?? "2xx"
      var message = "'\(call.endpoint.value)' answered HTTP \(response.status), expected \(wanted)"
      if !response.body.isNull { message += ": " + context.caller.redacted(response.body).jsonText() }
      throw StepFailure.failed(message)
    }
    for template in expect?.that ?? [] {
      guard let expression = template.single ?? template.expressions.first else { continue }
      if try !holds(expression, environment) {
        throw StepFailure.failed(
          "expectation failed: \(expression)\n"
            + context.redact(expression.explain(in: environment).joined(separator: "\n")))
      }
    }
  }
}
