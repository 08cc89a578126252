import Foundation
public import Playbook
public import ReachCatalogue
public import ReachEndpoints
import RunJournal
import Synchronization

/// Validates (unless given a `ValidatedPlaybook`), then executes a playbook through an endpoint
/// caller (the `ReachClient`), waiting on an injected clock, and reports every step as a
/// `RunEvent`. An invalid playbook or invalid inputs send nothing.
public struct PlaybookRunner: Sendable {
  public var caller: any EndpointCaller
  public var clock: any Clock<Duration>
  public var source: PlaybookSource
  public var registry: EndpointRegistry
  public var now: @Sendable () -> String
  public var uuid: @Sendable () -> String
  /// Where rows and state-changing calls are journaled (the run's record must exist); the run's
  /// outcome is written there when it ends.
  public var journal: JournalLink?
  /// `--concurrency`: overrides the concurrency of every foreach over a streamed csv input: the
  /// requests it keeps in flight (connections to the platform).
  public var concurrency: Int?
  /// `--rows-in-flight`: the rows a foreach over a streamed csv input keeps started at once
  /// (default `BulkForeachExecutor.rowsInFlight(concurrency:)`).
  public var rowsInFlight: Int?
  /// Read by a live view while the run goes.
  public var gauges: RunGauges?
  /// `--on-bad-row`: what a streamed csv input's bad rows do.
  public var onBadRow: BadRowPolicy = .stop
  /// What `check` steps reach the outside through (webhook posts, a rate-limited sandbox).
  public var probe: any GoLiveProbe = NoGoLiveProbe()
  /// The webhook receiver `wait_for` steps wait on; nil when the run has none.
  public var webhooks: (any WebhookEvents)?
  /// `--strict-contract`: a value outside an enum this project assumed refuses the playbook (a
  /// literal) or the call (a value known only at run time), instead of being sent.
  public var strictContract = false
  /// Collects where the answers differ from the catalogue (read it after the run).
  public var drift = ContractDrift()
  /// `--customer-steps`: who does `customer` steps (reach itself on a sandbox).
  public var customerSteps = CustomerStepMode.play
  /// Prints what a `store` step shows straight to the terminal (never masked, never kept); nil
  /// when stdout is not a terminal, and `show` then shows nothing.
  public var showSecrets: (@Sendable (String) -> Void)?

  /// The validator this runner proves playbooks with.
  var validator: PlaybookValidator {
    PlaybookValidator(registry: registry, source: source, strictContract: strictContract)
  }

  /// The run's one masker (by default the caller's): secret inputs and every value computed from
  /// a secret are registered there.
  public var masker: SecretMasker

  public init(
    caller: any EndpointCaller,
    clock: any Clock<Duration> = ContinuousClock(),
    source: PlaybookSource = .fileSystem,
    registry: EndpointRegistry = .standard,
    webhooks: (any WebhookEvents)? = nil,
    now: (@Sendable () -> String)? = nil,
    uuid: (@Sendable () -> String)? = nil
  ) {
    self.caller = caller
    self.masker = caller.secretMasker ?? SecretMasker()
    self.webhooks = webhooks
    self.clock = clock
    self.source = source
    self.registry = registry
    self.now = now ?? { Date.now.ISO8601Format() }
    self.uuid = uuid ?? { UUID().uuidString.lowercased() }
  }

  /// Validates the playbook at `path` and the files it uses, then runs it.
  public func run(
    file path: String, inputs given: [String: JSONValue] = [:],
    events: @escaping @Sendable (RunEvent) -> Void = { _ in }
  ) async -> RunResult {
    await run(validator.validated(file: path), inputs: given, events: events)
  }

  /// Validates `playbook` (and the files it uses), then runs it.
  public func run(
    _ playbook: Playbook, inputs given: [String: JSONValue] = [:],
    events: @escaping @Sendable (RunEvent) -> Void = { _ in }
  ) async -> RunResult {
    await run(validator.validated(playbook), inputs: given, events: events)
  }

  /// Runs the playbook a validation proved sound; one that is not sends nothing.
  private func run(
    _ validation: Validation, inputs given: [String: JSONValue], events: @escaping @Sendable (RunEvent) -> Void
  ) async -> RunResult {
    guard let playbook = validation.playbook else {
      return await finish(.invalid(validation.diagnostics.errors), events: events, duration: .zero)
    }
    return await execute(playbook.playbook, inputs: given, events: events)
  }

  /// Runs a playbook validated already, without validating it again; one proven under a looser
  /// contract than this runner's `strictContract` is proven again first.
  public func run(
    _ playbook: ValidatedPlaybook, inputs given: [String: JSONValue] = [:],
    events: @escaping @Sendable (RunEvent) -> Void = { _ in }
  ) async -> RunResult {
    switch proof(of: playbook) {
    case .success(let proven): return await execute(proven.playbook, inputs: given, events: events)
    case .failure(let failure): return await finish(.invalid(failure.diagnostics), events: events, duration: .zero)
    }
  }

  /// `validated` as this runner may take it: as it is, or proven again when it was proven under a
  /// looser contract than this runner's `strictContract`; the errors when that proof fails.
  func proof(of validated: ValidatedPlaybook) -> Result<ValidatedPlaybook, PlanFailure> {
    guard !validated.strictContract, strictContract else { return .success(validated) }
    let validation = validator.validated(validated.playbook)
    guard let proven = validation.playbook else {
      return .failure(PlanFailure(diagnostics: validation.diagnostics.errors))
    }
    return .success(proven)
  }

  /// Runs a playbook proven sound: resolves its inputs, then executes its steps.
  private func execute(
    _ playbook: Playbook, inputs given: [String: JSONValue], events: @escaping @Sendable (RunEvent) -> Void
  ) async -> RunResult {
    let inputs: [String: JSONValue]
    let streams: [String: CSVInput]
    do {
      (inputs, streams) = try InputResolver(source: source, onBadRow: onBadRow).resolveStreaming(playbook, given: given)
    } catch {
      // At the input's declaration when it has one.
      let location =
        error.inputName.flatMap { playbook.input(named: $0)?.location }
        ?? SourceLocation(file: playbook.file, line: 1, column: 1)
      return await finish(.invalid([Diagnostic(location, error.description)]), events: events, duration: .zero)
    }
    let steps = journal.map { StepJournal(link: $0) }
    let witness = FailureWitness { event in
      steps?.record(event)
      events(event)
    }
    let events = witness.observe
    var context = self.context(emit: events)
    if let webhooks {
      do {
        context.webhookStart = try await webhooks.latestSequence()
      } catch {
        return await finish(
          .aborted("cannot read the webhook receiver's events: \(error)"), events: events, duration: .zero)
      }
    }
    events(.runStarted(playbook: playbook.name.value, file: playbook.file))
    let stopwatch = Stopwatch.start(clock)
    var state = RunState(file: playbook.file, inputs: inputs)
    state.streams = streams
    state.taintSecretInputs(of: playbook, masker: masker)
    let outcome: RunOutcome
    var outputs: [String: JSONValue] = [:]
    do {
      outputs = try await PlaybookExecution(context: context).run(playbook, &state, skipEndsHere: true)
      let failed = context.failedChecks.all
      outcome =
        failed.isEmpty
        ? .passed
        : .failed("\(failed.count) check\(failed.count == 1 ? "" : "s") failed: " + failed.joined(separator: ", "))
    } catch {
      switch error {
      case .failed(let message): outcome = .failed(message)
      case .aborted(let message): outcome = .aborted(message)
      case .skipped: outcome = .passed
      }
    }
    witness.reportUnattributed(outcome, in: playbook)
    let finished = await finish(outcome, events: events, duration: stopwatch.elapsed)
    guard finished.outcome == .passed else { return RunResult(outcome: finished.outcome) }
    let secret = Set(outputs.keys.filter { state.tainted.contains("outputs." + $0) })
    return RunResult(outcome: finished.outcome, outputs: outputs, secretOutputs: secret)
  }

  /// The context every step of a run shares, made from this runner's settings in this one place
  /// (a step that runs elsewhere, a bulk row, changes a copy of it: `RunContext.with`).
  func context(emit: @escaping @Sendable (RunEvent) -> Void) -> RunContext {
    var context = RunContext(
      caller: caller, clock: clock, source: source, emit: emit, now: now, uuid: uuid, journal: journal,
      concurrency: concurrency)
    context.rowsInFlight = rowsInFlight
    context.gauges = gauges
    context.probe = probe
    context.strictContract = strictContract
    context.drift = drift
    context.masker = masker
    context.customerSteps = customerSteps
    context.showSecrets = showSecrets
    context.webhooks = webhooks
    return context
  }

  private func finish(_ outcome: RunOutcome, events: @Sendable (RunEvent) -> Void, duration: Duration) async
    -> RunResult
  {
    await journal?.finish(outcome)
    events(.runFinished(outcome, duration: duration))
    return RunResult(outcome: outcome)
  }
}

/// Watches a run's events for a failed step, so that a run that failed without one (whatever
/// the cause) still shows a failed step in every report: a report never says a failed run passed.
final class FailureWitness: Sendable {
  private let events: @Sendable (RunEvent) -> Void
  private let failedSteps = Atomic<Int>(0)

  init(_ events: @escaping @Sendable (RunEvent) -> Void) {
    self.events = events
  }

  @Sendable func observe(_ event: RunEvent) {
    if case .stepFinished(_, let outcome, _, _) = event {
      switch outcome {
      case .failed, .aborted: failedSteps.add(1, ordering: .relaxed)
      case .passed, .manual, .skipped, .byPerson: break
      }
    }
    events(event)
  }

  /// Emits the run's failure as a step of its own when no step carried it.
  func reportUnattributed(_ outcome: RunOutcome, in playbook: Playbook) {
    guard failedSteps.load(ordering: .relaxed) == 0 else { return }
    let step: StepOutcome
    switch outcome {
    case .failed(let message): step = .failed(message)
    case .aborted(let message): step = .aborted(message)
    case .passed, .invalid: return
    }
    let reference = StepReference(scope: [], label: "run", location: playbook.name.location)
    observe(.stepStarted(reference))
    observe(.stepFinished(reference, step, duration: .zero, extracted: [:]))
  }
}
