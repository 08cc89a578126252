import ArgumentParser
import Foundation
import Playbook
import PlaybookRunner
import ReachCatalogue
import ReachClient
import ReachWebhooks
import Synchronization

struct RunCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run a playbook: against the embedded sandbox by default, or a target.",
    discussion: """
      The playbook is validated first; an invalid one sends nothing. Without --target the \
      sandbox runs in this process on a simulated clock, so the guide's minutes of activation \
      pass in milliseconds, and so does a webhook receiver that the sandbox's callbacks reach \
      over HTTP (what wait_for steps wait on). Against a target, wait_for steps read the store \
      of the `reach webhooks serve` that the platform calls: give it with --webhooks-db. Exit status: 0 every step passed, 1 a step failed, 2 invalid \
      playbook or inputs (nothing sent), 3 aborted (rate limit exhausted, outcome unknown).
      """)

  @Argument(help: ArgumentHelp("The playbook file.", valueName: "playbook"))
  var playbook: String

  @Option(name: .customLong("var"), help: ArgumentHelp("An input value.", valueName: "name=value"))
  var vars: [String] = []

  @OptionGroup var targetOptions: TargetOptions

  @Option(
    name: .customLong("webhooks-db"),
    help: ArgumentHelp(
      "The webhook event store wait_for steps read: against a target, the --db of the `reach webhooks serve` the platform calls; against the embedded sandbox, where its receiver stores (default: a temporary file).",
      valueName: "path"))
  var webhooksDB: String?

  @Flag(name: .customLong("dry-run"), help: "Print every call's method, path and body (redacted); send nothing.")
  var dryRun = false

  @Option(
    name: .customLong("report"),
    help: ArgumentHelp(
      "Also write a report: json=PATH (JSON lines) or junit=PATH (JUnit XML).", valueName: "format=path"))
  var reports: [String] = []

  static let reportFormats = ["json", "junit"]

  func validate() throws {
    guard FileManager.default.fileExists(atPath: playbook) else {
      throw ValidationError("no such playbook: \(playbook)")
    }
    for report in reports {
      let parts = report.split(separator: "=", maxSplits: 1)
      guard parts.count == 2, Self.reportFormats.contains(String(parts[0])) else {
        throw ValidationError(
          "--report takes FORMAT=PATH with FORMAT one of \(Self.reportFormats.joined(separator: ", "))")
      }
    }
  }

  func run() async throws {
    let given: [String: JSONValue]
    do {
      given = try InputResolver.assignments(vars)
    } catch {
      Console.error(error.description)
      throw ExitStatus.invalid
    }
    // Nothing starts, and nothing is sent, for a playbook that is not sound.
    let diagnostics = PlaybookValidator().validate(file: playbook)
    guard diagnostics.isEmpty else {
      for diagnostic in diagnostics { Console.diagnostic(diagnostic.description) }
      throw ExitStatus.invalid
    }
    if dryRun {
      try dryRunPlan(given)
      return
    }
    let embedded: EmbeddedSetup?
    let webhooks: ReceiverEvents?
    let target: Target
    if targetOptions.target == nil || targetOptions.target == "sandbox" {
      do {
        embedded = try await EmbeddedSetup.start(storePath: webhooksDB)
      } catch {
        Console.error("\(error)")
        throw ExitStatus.failure
      }
      webhooks = embedded!.webhooks
      target = embedded!.target
    } else {
      embedded = nil
      do {
        target = try targetOptions.resolve()
      } catch {
        Console.error(error.description)
        throw ExitStatus.invalid
      }
      // Customer actions play the customer on a sandbox's hosted pages: refuse them before
      // anything is sent to a real platform.
      let customerSteps = target.isSandbox ? [] : CustomerSteps.locations(in: playbook, inputs: given)
      if !customerSteps.isEmpty {
        for location in customerSteps {
          Console.diagnostic(
            "\(location): error: a 'customer' step plays the customer on a sandbox's hosted page; "
              + "'\(target.name)' is not a sandbox (run without --target, or have a person pay at the link)")
        }
        throw ExitStatus.invalid
      }
      webhooks = try Self.receiver(for: playbook, inputs: given, store: webhooksDB, target: target)
    }
    let clock: any Clock<Duration> = embedded?.clock ?? ContinuousClock()
    let client = ReachClient(target: target, clock: clock)
    let runner = PlaybookRunner(caller: client, clock: clock, webhooks: webhooks)
    let collected = EventLog(colour: Console.colour)
    Console.out(
      "target: \(target.isSandbox ? "embedded sandbox (\(target.baseURL), simulated clock)" : target.description)")
    let started = ContinuousClock.now
    let result = await runner.run(file: playbook, inputs: given) { event in collected.record(event) }
    await embedded?.stop()
    if embedded != nil {
      let wall = ContinuousClock.now - started
      Console.out(
        "times above are the sandbox's simulated clock; wall time \(wall.formatted(.units(allowed: [.seconds, .milliseconds], width: .narrow)))"
      )
    }
    if !result.outputs.isEmpty {
      Console.out("outputs:")
      for name in result.outputs.keys.sorted() {
        Console.out("  \(name): \(client.redactor.redact(result.outputs[name]!).jsonText())")
      }
    }
    try writeReports(collected.events)
    if case .invalid(let diagnostics) = result.outcome {
      for diagnostic in diagnostics { Console.diagnostic(diagnostic.description) }
    }
    if result.outcome.exitCode != 0 { throw ExitCode(result.outcome.exitCode) }
  }

  /// The receiver a run against a target waits on: the store at `--webhooks-db`. Without one, a
  /// playbook with `wait_for` steps is refused before anything is sent.
  static func receiver(
    for playbook: String, inputs: [String: JSONValue], store path: String?, target: Target
  ) throws -> ReceiverEvents? {
    guard let path else {
      let waits = WaitForSteps.locations(in: playbook, inputs: inputs)
      guard waits.isEmpty else {
        for location in waits {
          Console.diagnostic(
            "\(location): error: a 'wait_for' step waits for the platform's callback at your webhook receiver; "
              + "against '\(target.name)' give --webhooks-db PATH, the --db of the `reach webhooks serve` that "
              + "'\(target.name)' posts to, or choose polling where the playbook offers it (--var mode=polling)")
        }
        throw ExitStatus.invalid
      }
      return nil
    }
    guard FileManager.default.fileExists(atPath: path) else {
      Console.error(
        "no webhook event store at \(path): start `reach webhooks serve --db \(path)` where the platform's callbacks reach it"
      )
      throw ExitStatus.invalid
    }
    do {
      return ReceiverEvents(store: try WebhookStore(path: path))
    } catch {
      Console.error("cannot open the webhook event store \(path): \(error)")
      throw ExitStatus.invalid
    }
  }

  func dryRunPlan(_ given: [String: JSONValue]) throws {
    let redactor = Redactor()
    let runner = PlaybookRunner(caller: DryRunCaller(redactor: redactor))
    switch runner.plan(file: playbook, inputs: given) {
    case .success(let plan):
      Console.out("dry run of \(playbook): nothing is sent")
      Console.out(plan.description)
    case .failure(let failure):
      for diagnostic in failure.diagnostics { Console.diagnostic(diagnostic.description) }
      throw ExitStatus.invalid
    }
  }

  func writeReports(_ events: [RunEvent]) throws {
    for report in reports {
      let parts = report.split(separator: "=", maxSplits: 1).map(String.init)
      let text = parts[0] == "junit" ? JUnitReport.xml(events) : JSONLinesReport.text(events)
      do {
        let url = URL(fileURLWithPath: parts[1])
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        Console.out("wrote \(parts[0]) report to \(parts[1])")
      } catch {
        Console.error("cannot write the \(parts[0]) report to \(parts[1]): \(error.localizedDescription)")
        throw ExitStatus.failure
      }
    }
  }
}

/// Prints each event as it comes and keeps them all for the reports.
final class EventLog: Sendable {
  private let state: Mutex<(report: ConsoleReport, events: [RunEvent])>

  init(colour: Bool) {
    state = Mutex((ConsoleReport(colour: colour), []))
  }

  func record(_ event: RunEvent) {
    let lines = state.withLock { state in
      state.events.append(event)
      return state.report.lines(for: event)
    }
    for line in lines { Console.out(line) }
  }

  var events: [RunEvent] { state.withLock { $0.events } }
}

/// The caller of a dry run: plans never call it; it redacts what the plan shows.
struct DryRunCaller: EndpointCaller {
  let redactor: Redactor

  func answer(_ endpointID: String, _ arguments: [String: JSONValue]) async throws(ReachClientError) -> EndpointAnswer {
    throw .transport(endpointID: endpointID, message: "a dry run sends nothing")
  }

  func redacted(_ value: JSONValue) -> JSONValue { redactor.redact(value) }

  func customer(_ action: String, url: String, card: String?) async throws(ReachClientError)
    -> (status: Int, location: String?)
  {
    throw .transport(endpointID: "customer", message: "a dry run sends nothing")
  }
}
