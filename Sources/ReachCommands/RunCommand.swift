import ArgumentParser
import Foundation
import Playbook
import PlaybookRunner
import ReachCatalogue
import ReachClient
import ReachWebhooks
import RunJournal

struct RunCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run a playbook: against the embedded sandbox by default, or a target.",
    discussion: """
      The playbook is validated first; an invalid one sends nothing. Without --target the \
      sandbox runs in this process on a simulated clock, so the guide's minutes of activation \
      pass in milliseconds, and so does a webhook receiver that the sandbox's callbacks reach \
      over HTTP (what wait_for steps wait on). Against a target, wait_for steps read the store \
      of the `reach webhooks serve` that the platform calls: give it with --webhooks-db. Against a \
      target that is not a sandbox, a customer step (paying on the hosted page) is a person's: \
      see --customer-steps. Exit status: 0 every step passed, 1 a step failed, 2 invalid \
      playbook or inputs (nothing sent), 3 aborted (rate limit exhausted, outcome unknown).
      """)

  @Argument(
    help: ArgumentHelp(
      "The playbook file; with --resume it may be left out (the run's, from the journal).", valueName: "playbook"))
  var playbookArgument: String?

  /// The playbook to run: the one given, or (`--resume` alone) the one the journal names.
  var playbook: String { playbookArgument ?? "" }

  /// Inputs that come from neither `--var` nor the journal: a resumed run's secrets, from the
  /// environment or asked for.
  var fetchedInputs: [String: JSONValue] = [:]

  @Option(name: .customLong("var"), help: ArgumentHelp("An input value.", valueName: "name=value"))
  var vars: [String] = []

  @OptionGroup var targetOptions: TargetOptions

  @OptionGroup var contract: ContractOptions

  @Option(
    name: .customLong("webhooks-db"),
    help: ArgumentHelp(
      "The webhook event store wait_for steps read: against a target, the --db of the `reach webhooks serve` the platform calls; against the embedded sandbox, where its receiver stores (default: a temporary file).",
      valueName: "path"))
  var webhooksDB: String?

  @Flag(
    name: .customLong("dry-run"),
    help: "Print every call's method, path and body (redacted), each row's for a csv input; send nothing.")
  var dryRun = false

  @Option(
    name: .customLong("report"),
    help: ArgumentHelp(
      "Also write a report: json=PATH (JSON lines), junit=PATH (JUnit XML), md=PATH (Markdown), html=PATH (one self-contained HTML file), csv=PATH (one line per bulk row), har=PATH (every HTTP exchange, redacted, as an HTTP Archive) or drift=PATH (where the answers differ from the catalogue, as JSON).",
      valueName: "format=path"))
  var reports: [String] = []

  @Option(name: .long, help: ArgumentHelp("The run journal (SQLite, created if missing).", valueName: "path"))
  var journal: String = RunJournal.defaultPath

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Resume an interrupted run: its playbook and inputs from the journal (or given again, the same), its secret inputs again; finished rows are not run again.",
      valueName: "run id"))
  var resume: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Requests in flight (connections) of a foreach over a csv input, overriding its concurrency; a row waiting on the platform holds none.",
      valueName: "n"))
  var concurrency: Int?

  @Option(
    name: .customLong("rows-in-flight"),
    help: ArgumentHelp(
      "Rows a foreach over a csv input keeps started at once, most of them waiting on the platform (default: 64 per --concurrency, at least 1024).",
      valueName: "n"))
  var rowsInFlight: Int?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Requests per second, shared by every worker; without it the rate adapts (cut on a 429).",
      valueName: "R/s"))
  var rate: String?

  @Option(
    name: .customLong("on-bad-row"),
    help: ArgumentHelp(
      "A csv row that fails the check: stop (refuse the run, send nothing) or skip (report it, run the rest).",
      valueName: "stop|skip"))
  var onBadRowText = BadRowPolicy.stop.rawValue

  var onBadRow: BadRowPolicy { BadRowPolicy(rawValue: onBadRowText) ?? .stop }

  @Flag(
    name: .long,
    help: "Run a state-changing bulk run against a target that is not a sandbox without --confirm.")
  var yes = false

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Confirm a state-changing bulk run against a target that is not a sandbox: the row count it prints (a different number is refused).",
      valueName: "rows"))
  var confirm: Int?

  @Option(
    name: .customLong("max-rows"),
    help: ArgumentHelp(
      "Refuse a bulk run whose csv input has more rows than this (nothing is sent).", valueName: "n"))
  var maxRows: Int?

  @Option(
    name: .customLong("customer-steps"),
    help: ArgumentHelp(
      "Against a target that is not a sandbox, a customer step (paying on the hosted page) is a person's: wait (print what they must do, then wait for the platform to report it) or fail (default when stdout is not a terminal, so CI never waits on a person). A sandbox plays the customer itself.",
      valueName: "wait|fail"))
  var customerStepsText: String?

  /// Who does the customer steps against a target that is not a sandbox.
  var customerSteps: CustomerStepMode {
    if let customerStepsText, let mode = CustomerStepMode(rawValue: customerStepsText) { return mode }
    return isatty(STDOUT_FILENO) == 1 ? .wait : .fail
  }

  static let reportFormats = ["json", "junit", "md", "html", "csv", "har", "drift"]

  func validate() throws {
    guard playbookArgument != nil || resume != nil else {
      throw ValidationError("give the playbook to run, or --resume <run id> to continue a run")
    }
    if let concurrency, concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
    if let rowsInFlight, rowsInFlight < 1 { throw ValidationError("--rows-in-flight must be at least 1") }
    if let maxRows, maxRows < 1 { throw ValidationError("--max-rows must be at least 1") }
    if let confirm, confirm < 0 { throw ValidationError("--confirm takes the row count the run prints") }
    if let customerStepsText, !["wait", "fail"].contains(customerStepsText) {
      throw ValidationError("--customer-steps must be wait or fail, not '\(customerStepsText)'")
    }
    if let rate, RunSession.rate(parsing: rate) == nil {
      throw ValidationError("--rate must be R/s with R a positive number, e.g. 50/s")
    }
    // `--resume` alone: the playbook is checked once the journal has named it.
    if playbookArgument != nil { try validatePlaybook() }
  }

  /// The checks that need the playbook file.
  func validatePlaybook() throws {
    guard FileManager.default.fileExists(atPath: playbook) else {
      throw ValidationError("no such playbook: \(playbook)")
    }
    guard BadRowPolicy(rawValue: onBadRowText) != nil else {
      throw ValidationError("--on-bad-row must be stop or skip, not '\(onBadRowText)'")
    }
    for report in reports {
      let parts = report.split(separator: "=", maxSplits: 1)
      guard parts.count == 2, Self.reportFormats.contains(String(parts[0])) else {
        throw ValidationError(
          "--report takes FORMAT=PATH with FORMAT one of \(Self.reportFormats.joined(separator: ", "))")
      }
    }
    // The report is written as the rows are read: over its own input it would destroy it.
    if let report = session.rowReportPath {
      let written = URL(fileURLWithPath: report).standardizedFileURL.resolvingSymlinksInPath().path
      for (name, value) in vars.map(ResumeCommand.assignment)
      where URL(fileURLWithPath: value).standardizedFileURL.resolvingSymlinksInPath().path == written {
        throw ValidationError(
          "--report csv=\(report) would write over the input \(name) while the run reads it; write the report elsewhere"
        )
      }
    }
    // A csv report lists bulk rows: of a playbook without any, it would be a header alone.
    if reports.contains(where: { $0.hasPrefix("csv=") }),
      let loaded = PlaybookSource.fileSystem.load(playbook)?.playbook,
      !loaded.hasBulkLoop
    {
      throw ValidationError(
        "--report csv=PATH writes one line per row of a bulk run (a foreach over a csv input that declares its columns), and \(playbook) has none; use json, junit, md or html"
      )
    }
  }

  func run() async throws {
    var command = self
    if let resume {
      do throws(RunError) {
        try command.resolve(resuming: resume)
      } catch {
        Console.error(error.description)
        throw ExitStatus.invalid
      }
      try command.validatePlaybook()
    }
    let status = try await command.session.run()
    if status != ExitStatus.success { throw status }
  }

  /// The run these options describe.
  var session: RunSession {
    RunSession(
      playbook: playbook, vars: vars, fetchedInputs: fetchedInputs, targetName: targetOptions.target,
      config: targetOptions.config, strictContract: contract.strict, webhooksDB: webhooksDB, dryRun: dryRun,
      reports: reports, journal: journal, resume: resume, concurrency: concurrency, rowsInFlight: rowsInFlight,
      rate: rate, onBadRow: onBadRow, yes: yes, confirm: confirm, maxRows: maxRows, customerSteps: customerSteps)
  }
}
