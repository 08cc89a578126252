import Playbook
import ReachCatalogue
import ReachClient
import ReachEndpoints
import RunJournal

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
    var response = try await send(call, arguments, reference, state)
    if let poll = call.poll {
      response = try await self.poll(poll, call, arguments, reference, state, first: response)
    }
    let environment = state.environment(context, response: response.body, status: response.status)
    try check(call.expect, response, call, environment)
    var extracted: [String: JSONValue] = [:]
    var tainted: Set<String> = []
    for entry in call.extract {
      do {
        extracted[entry.key] = try entry.value.evaluate(in: environment)
      } catch {
        throw StepFailure.from(error)
      }
      if state.readsSecret(entry.value) {
        tainted.insert(entry.key)
        context.masker.register(extracted[entry.key] ?? .null)
      }
    }
    var value = extracted
    value["response"] = response.body
    value["http"] = ["status": .int(response.status)]
    return StepExecutor.StepResult(value: value, extracted: extracted, tainted: tainted)
  }

  private func send(
    _ call: CallStep, _ arguments: [String: JSONValue], _ reference: StepReference, _ state: RunState
  ) async throws(StepFailure) -> EndpointAnswer {
    let row = state.row
    let secret = secretArguments(call, state)
    let endpointID = call.endpoint.value
    // Resolved when the playbook was read (validation refuses an id the catalogue lacks, so a
    // run never meets one): no lookup by name from here to the wire.
    guard let resolved = call.endpointID else {
      throw StepFailure.from(ReachClientError.unknownEndpoint(UnknownEndpoint(id: endpointID, suggestions: [])))
    }
    let endpoint = resolved.endpoint
    // The client sends a value outside an assumed enum (the platform may take it); a strict run
    // refuses it here, before the journal or the wire sees it.
    if context.strictContract {
      let refused = ArgumentValidation.issues(for: endpoint, arguments: arguments).filter(\.isWarning)
      if !refused.isEmpty {
        throw .failed(
          "'\(endpointID)' refused by --strict-contract: " + refused.map(\.description).joined(separator: "; "))
      }
    }
    // A state-changing call is journaled: the intent is on disk before the request leaves.
    var effect: Int64?
    if let journal = context.journal, endpoint.changesState {
      if let status = journal.confirmedEarlier(line: row?.line, endpointID: endpointID) {
        // The run being resumed recorded this call as accepted: never send it again.
        return EndpointAnswer(status: status, body: .null, attempts: 0)
      }
      do {
        // Committed with the intents other rows queued meanwhile: one sync for them all.
        effect = try await journal.journal.queueIntent(
          runId: journal.runId, line: row?.line,
          step: (reference.scope.filter { !$0.contains("[") } + [reference.label])
            .joined(separator: " › "),
          endpointId: endpointID, customerId: arguments["customerId"]?.interpolated,
          request: .object(SecretTaint.shown(arguments, secret: secret)))
      } catch {
        throw .aborted("cannot write the journal before '\(endpointID)', so it was not sent: \(error)")
      }
    }
    let answered: EndpointAnswer
    do {
      let stopwatch = Stopwatch.start(context.clock)
      let response = try await context.caller.answer(resolved, arguments, gate: context.gate, secret: secret)
      row?.answered(status: response.status, attempts: response.attempts)
      context.journal?.learn(from: endpointID, body: response.body)
      if let effect, let journal = context.journal {
        row?.sent(endpointID, status: response.status)
        let state: EffectState =
          (200..<300).contains(response.status) ? .confirmed : response.status >= 500 ? .unknown : .rejected
        journal.journal.queueUpdate(effect: effect, to: state, httpStatus: response.status)
        if state == .unknown { row?.unknown(effect: effect, endpointID: endpointID) }
      }
      context.emit(
        .callAnswered(reference, endpointID: endpointID, status: response.status, attempts: response.attempts))
      let transaction = response.body["transactionId"].flatMap { context.caller.redacted($0).stringValue }
      context.emit(
        .evidence(
          reference,
          Evidence(
            subject: endpointID, status: response.status, elapsed: response.latency ?? stopwatch.elapsed,
            attempts: response.attempts, transactionID: transaction)))
      answered = response
    } catch {
      if case .http(_, let status, let body, _) = error {
        // A refusal's status is compared too; its body is section 5's error shape.
        try compare(endpoint, status: status, body: body, reference)
      }
      switch error {
      case .http(_, let status, _, _), .outcomeUnknown(_, let status?, _): row?.answered(status: status, attempts: 1)
      case .rateLimitExhausted(_, let attempts): row?.answered(status: 429, attempts: attempts)
      case .unknownEndpoint, .invalidArguments, .outcomeUnknown, .transport, .notASandbox, .notSent, .cancelled: break
      }
      if let effect, let journal = context.journal {
        // Refused before any effect (429s exhausted, invalid), or no answer to judge by.
        let state: EffectState
        switch error {
        case .rateLimitExhausted, .invalidArguments, .unknownEndpoint, .notASandbox, .notSent: state = .rejected
        case .http(_, let status, _, _) where status < 500: state = .rejected
        case .http, .outcomeUnknown, .transport, .cancelled: state = .unknown
        }
        journal.journal.queueUpdate(effect: effect, to: state)
        if state == .unknown, !Task.isCancelled { row?.unknown(effect: effect, endpointID: endpointID) }
      }
      throw StepFailure.from(error)
    }
    try compare(endpoint, status: answered.status, body: answered.body, reference)
    return answered
  }

  /// Compares an answer with the catalogue: new differences are events; under
  /// `--strict-contract` any difference fails the step.
  private func compare(_ endpoint: Endpoint?, status: Int, body: JSONValue, _ reference: StepReference)
    throws(StepFailure)
  {
    guard let drift = context.drift, let endpoint else { return }
    let differences = ContractCheck.differences(endpoint, status: status, body: body)
    guard !differences.isEmpty else { return }
    for difference in drift.record(differences, step: reference.description) {
      context.emit(.contractDrift(reference, difference))
    }
    if context.strictContract {
      throw .failed(
        "the answer differs from the catalogue (--strict-contract): "
          + context.redact(differences.map(\.summary).joined(separator: "; ")))
    }
  }

  /// Calls again every `every` (growing by `backoff`, up to `max_every`) until `until` holds; `fail_if` holding or
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
      if let backoff = poll.backoff {
        interval = interval * backoff
        if let cap = poll.maxEvery { interval = min(interval, cap) }
      }
      attempt += 1
      response = try await send(call, arguments, reference, state)
    }
  }

  /// The arguments given from a secret: the journal and the client's records keep them as `***`,
  /// whatever their length.
  private func secretArguments(_ call: CallStep, _ state: RunState) -> Set<String> {
    Set(call.arguments.filter { state.readsSecret($0.value) }.map(\.key))
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
