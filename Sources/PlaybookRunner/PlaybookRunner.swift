import Foundation
public import Playbook
public import ReachCatalogue
public import ReachEndpoints
import RunJournal

/// Validates, then executes a playbook through an endpoint caller (the `ReachClient`), waiting on
/// an injected clock, and reports every step as a `RunEvent`. An invalid playbook or invalid
/// inputs send nothing.
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
  /// `--concurrency`: overrides the concurrency of every foreach over a streamed csv input.
  public var concurrency: Int?
  /// `--on-bad-row`: what a streamed csv input's bad rows do.
  public var onBadRow: BadRowPolicy = .stop
  /// What `check` steps reach the outside through (webhook posts, a rate-limited sandbox).
  public var probe: any GoLiveProbe = NoGoLiveProbe()
  /// The webhook receiver `wait_for` steps wait on; nil when the run has none.
  public var webhooks: (any WebhookEvents)?

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
    let validator = PlaybookValidator(registry: registry, source: source)
    let diagnostics = validator.validate(file: path)
    guard diagnostics.isEmpty, let playbook = source.load(path)?.playbook else {
      return await finish(.invalid(diagnostics), events: events, duration: .zero)
    }
    return await run(playbook, inputs: given, events: events)
  }

  /// Validates `playbook` (and the files it uses), then runs it.
  public func run(
    _ playbook: Playbook, inputs given: [String: JSONValue] = [:],
    events: @escaping @Sendable (RunEvent) -> Void = { _ in }
  ) async -> RunResult {
    let diagnostics = PlaybookValidator(registry: registry, source: source).validate(playbook)
    guard diagnostics.isEmpty else { return await finish(.invalid(diagnostics), events: events, duration: .zero) }
    let inputs: [String: JSONValue]
    let streams: [String: CSVInput]
    do {
      (inputs, streams) = try InputResolver(source: source, onBadRow: onBadRow).resolveStreaming(playbook, given: given)
    } catch {
      let location = SourceLocation(file: playbook.file, line: 1, column: 1)
      return await finish(.invalid([Diagnostic(location, error.description)]), events: events, duration: .zero)
    }
    var context = RunContext(
      caller: caller, clock: clock, source: source, emit: events, now: now, uuid: uuid, journal: journal,
      concurrency: concurrency)
    context.probe = probe
    if let webhooks {
      do {
        context.webhooks = webhooks
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
    do {
      let outputs = try await PlaybookExecution(context: context).run(playbook, &state)
      let failed = context.failedChecks.all
      if !failed.isEmpty {
        let message = "\(failed.count) check\(failed.count == 1 ? "" : "s") failed: " + failed.joined(separator: ", ")
        return await finish(.failed(message), events: events, duration: stopwatch.elapsed)
      }
      let finished = await finish(.passed, events: events, duration: stopwatch.elapsed)
      return RunResult(outcome: finished.outcome, outputs: outputs)
    } catch {
      switch error {
      case .failed(let message): return await finish(.failed(message), events: events, duration: stopwatch.elapsed)
      case .aborted(let message): return await finish(.aborted(message), events: events, duration: stopwatch.elapsed)
      case .skipped: return await finish(.passed, events: events, duration: stopwatch.elapsed)
      }
    }
  }

  private func finish(_ outcome: RunOutcome, events: @Sendable (RunEvent) -> Void, duration: Duration) async
    -> RunResult
  {
    await journal?.finish(outcome)
    events(.runFinished(outcome, duration: duration))
    return RunResult(outcome: outcome)
  }
}
