import Playbook
import ReachCatalogue
import ReachClient
import Synchronization

/// What expressions read while one playbook runs: its inputs, vars, the results of the steps so
/// far, and the foreach items in scope.
struct RunState: Sendable {
  /// The playbook file, against which `use` paths resolve.
  var file: String
  var inputs: [String: JSONValue]
  var vars: [String: JSONValue] = [:]
  var steps: [String: JSONValue] = [:]
  var bindings: [String: JSONValue] = [:]
  /// Labels of what encloses the steps now running, for events.
  var scope: [String] = []
  /// csv inputs read row by row by a foreach (see `CSVInput`).
  var streams: [String: CSVInput] = [:]
  /// The bulk row these steps run for, if any.
  var row: RowTrace?
  /// Names whose values are secret or computed from one (`inputs.password`, `vars.token`,
  /// `steps.keys.secret`, a foreach item): see `SecretTaint.swift`.
  var tainted: Set<String> = []
  /// What a person was asked to do by a `customer` step, until the next step that waits for the
  /// platform (a `wait_for`, a polled call) has waited for it.
  var awaitingPerson: PersonTask?

  func environment(
    _ context: RunContext, response: JSONValue? = nil, status: Int? = nil, event: JSONValue? = nil
  ) -> ExpressionEnvironment {
    // Room for every name up front: growing the table rehashed it for every step of every row.
    var names = [String: JSONValue](minimumCapacity: 6 + bindings.count)
    names["inputs"] = .object(inputs)
    names["vars"] = .object(vars)
    names["steps"] = .object(steps)
    for (name, value) in bindings { names[name] = value }
    if let response { names["response"] = response }
    if let status { names["http"] = ["status": .int(status)] }
    if let event { names["event"] = event }
    return ExpressionEnvironment(names: names, now: context.now, uuid: context.uuid)
  }

  func reference(_ step: Step) -> StepReference {
    StepReference(scope: scope, label: step.label, location: step.location)
  }
}

/// What every step executor shares: the caller, the clock, files, the event sink, providers.
struct RunContext: Sendable {
  let caller: any EndpointCaller
  let clock: any Clock<Duration>
  let source: PlaybookSource
  var emit: @Sendable (RunEvent) -> Void
  let now: @Sendable () -> String
  let uuid: @Sendable () -> String
  /// Where rows and state-changing calls are journaled, if anywhere.
  var journal: JournalLink? = nil
  /// `--concurrency`: overrides every streaming foreach's own (requests in flight).
  var concurrency: Int? = nil
  /// `--rows-in-flight`: rows a streaming foreach keeps started at once.
  var rowsInFlight: Int? = nil
  /// The requests in flight of the bulk loop these steps run in, if any.
  var gate: RequestGate? = nil
  /// The live view's gauges, if anyone reads them.
  var gauges: RunGauges? = nil
  /// Which rows of the bulk loop these steps run in may work now, if any.
  var admission: RowAdmission? = nil
  /// What `check` steps reach the outside through.
  var probe: any GoLiveProbe = NoGoLiveProbe()
  /// The checks that failed so far: the run goes on, and ends failed naming them.
  var failedChecks = FailedChecks()
  /// The run's webhook receiver, for `wait_for`; nil when the run has none.
  var webhooks: (any WebhookEvents)? = nil
  /// The newest event when the run started: `wait_for` counts only what came after.
  var webhookStart: Int64? = nil
  /// `--strict-contract`: a call whose value lies outside an assumed enum is not sent.
  var strictContract = false
  /// Where answers differ from the catalogue; `strictContract` makes any difference fail its step.
  var drift: ContractDrift? = nil
  /// The run's one masker: every secret is registered there, and messages are masked through it.
  var masker = SecretMasker()
  /// Who does `customer` steps: reach on a sandbox's hosted pages, or a person.
  var customerSteps = CustomerStepMode.play
  /// Shows `store` values on the terminal, once; nil when stdout is not a terminal.
  var showSecrets: (@Sendable (String) -> Void)? = nil

  /// A copy with `change` made to it. Every other field is the same as here: a step that runs in
  /// another setting (a bulk row, a foreach item) starts from the whole context, so none of it
  /// (the webhook receiver, the probe, the failed checks, the journal…) can be left out.
  func with(_ change: (inout RunContext) -> Void) -> RunContext {
    var copy = self
    change(&copy)
    return copy
  }

  /// `text` with every secret the client and the masker know masked.
  func redact(_ text: String) -> String {
    masker.mask(caller.redacted(.string(text)).stringValue ?? text)
  }

  /// `value` with sensitive fields and every known secret masked.
  func redacted(_ value: JSONValue) -> JSONValue {
    masker.mask(caller.redacted(value))
  }

  /// Waits on the run's clock. A bulk row gives its working place up meanwhile (it waits on the
  /// platform, and holds no request slot), and takes one back after.
  func sleep(_ duration: Duration) async throws(StepFailure) {
    let slept: Bool
    if let admission {
      admission.pause()
      gauges?.waitStarted()
      slept = (try? await clock.sleep(for: duration)) != nil
      gauges?.waitEnded()
      await admission.resume()
    } else {
      slept = (try? await clock.sleep(for: duration)) != nil
    }
    if !slept { throw .aborted("interrupted while waiting") }
  }
}

/// The labels of the checks that failed, shared by every step of a run (`use` included).
final class FailedChecks: Sendable {
  private let labels = Mutex<[String]>([])

  func add(_ label: String) { labels.withLock { $0.append(label) } }

  var all: [String] { labels.withLock { $0 } }
}
