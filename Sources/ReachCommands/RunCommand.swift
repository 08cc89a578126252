import ArgumentParser
import Foundation
import Playbook
import PlaybookRunner
import ReachCatalogue
import ReachClient
import ReachWebhooks
import RunJournal
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
    if let rate, Self.rate(parsing: rate) == nil {
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
    if let report = rowReportPath {
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
    try await command.runResolved()
  }

  func runResolved() async throws {
    var given: [String: JSONValue]
    do {
      given = try InputResolver.assignments(vars)
    } catch {
      Console.error(error.description)
      throw ExitStatus.invalid
    }
    given.merge(fetchedInputs) { given, _ in given }
    // Nothing starts, and nothing is sent, for a playbook that is not sound.
    // Validated once: the runner takes the proof and does not validate again.
    let validation = PlaybookValidator(strictContract: contract.strict).validated(file: playbook)
    for diagnostic in validation.diagnostics { Console.diagnostic(diagnostic.description) }
    guard let validated = validation.playbook else { throw ExitStatus.invalid }
    // The secret inputs given are registered before anything is printed or written.
    Self.registerSecretInputs(of: playbook, given: given)
    if dryRun {
      try dryRunPlan(validated, given)
      return
    }
    let embedded: EmbeddedSetup?
    let webhooks: ReceiverEvents?
    let target: Target
    // The embedded sandbox is on loopback, which no proxy serves: the environment's proxies are
    // read for a target only.
    var transport = AsyncHTTPTransport.Configuration()
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
        transport = try AsyncHTTPTransport.Configuration.forTarget(target)
      } catch {
        Console.error("\(error)")
        throw ExitStatus.invalid
      }
      webhooks = try Self.receiver(for: playbook, inputs: given, store: webhooksDB, target: target)
    }
    do {
      try Self.checkStoreFiles(of: playbook, given: given)
      try checkBlastRadius(target: target, given: given)
    } catch {
      await embedded?.stop()
      throw error
    }
    // Bulk rows use one connection each at most: the cap per origin follows --concurrency.
    if let concurrency { transport.connectionsPerOrigin = concurrency }
    try await AsyncHTTPTransport.with(transport) { transport in
      try await execute(
        validated, target: target, embedded: embedded, webhooks: webhooks, given: given, transport: transport)
    }
  }

  /// Runs the checked playbook against `target` through `transport`, and reports.
  func execute(
    _ validated: ValidatedPlaybook, target: Target, embedded: EmbeddedSetup?, webhooks: ReceiverEvents?,
    given: [String: JSONValue],
    transport: AsyncHTTPTransport
  ) async throws {
    let clock: any Clock<Duration> = embedded?.clock ?? ContinuousClock()
    // One limiter for every worker: a fixed --rate, or one that adapts to the platform's 429s.
    let limiter =
      rate.flatMap(Self.rate(parsing:)).map { RateLimiter(rate: $0, burst: 1, clock: clock) }
      ?? RateLimiter(adaptiveUpTo: .infinity, clock: clock)
    // `--report har=PATH`: every attempt the client makes, recorded redacted.
    let exchanges = reports.contains { $0.hasPrefix("har=") } ? ExchangeLog(wall: Date()) : nil
    let client = ReachClient(
      target: target, transport: transport, clock: clock, rateLimiter: limiter,
      redactor: Redactor(credentials: target.credentials, masker: Console.masker),
      onExchange: exchanges.map { log in { @Sendable exchange in log.record(exchange) } })
    var runner = PlaybookRunner(caller: client, clock: clock, webhooks: webhooks)
    runner.strictContract = contract.strict
    // A sandbox plays the customer; against a target, a person does (or, off a terminal, nobody).
    runner.customerSteps = embedded != nil || target.isSandbox ? .play : customerSteps
    if isatty(STDOUT_FILENO) == 1 {
      // What a `store` step is asked to show: straight to the terminal, once, inert but unmasked.
      runner.showSecrets = { text in
        FileHandle.standardOutput.write(Data(TerminalText.block(text).utf8))
      }
    }
    let probe = RunProbe(
      credentialSources: embedded != nil
        ? ["jwt and apiKey: generated by the embedded sandbox for this run"] : targetOptions.credentialSources(),
      transport: transport)
    runner.probe = probe
    runner.concurrency = concurrency
    runner.rowsInFlight = rowsInFlight
    let gauges = RunGauges()
    runner.gauges = gauges
    runner.onBadRow = onBadRow
    let link: JournalLink
    do {
      link = try openJournal(target: target, given: given)
    } catch {
      await embedded?.stop()
      Console.error(error.description)
      throw ExitStatus.invalid
    }
    runner.journal = link
    let bulkInput = PlaybookSource.fileSystem.load(playbook)?.playbook?.bulkInput
    let collected = EventLog(
      colour: Console.colour, hyperlinks: Console.hyperlinks, rowReport: try openRowReport(),
      rowKey: bulkInput?.columns?.first?.name ?? "customerId"
    ) {
      gauges.reading(limit: limiter.snapshot.limit)
    }
    let targetText =
      embedded != nil ? "embedded sandbox (\(target.baseURL), simulated clock)" : target.description
    Console.out("target: \(targetText)")
    Console.out("run \(link.runId)\(resume == nil ? "" : " resumed") (journal \(journal))")
    let info = RunInfo.local(file: playbook, target: targetText)
    let started = ContinuousClock.now
    let task = Task { [runner] in await runner.run(validated, inputs: given) { event in collected.record(event) } }
    // Ctrl-C: no new row starts, calls in flight finish or are journaled as unknown, then the
    // resume command is printed.
    let interrupt = Interrupt.onSIGINT {
      Console.note("interrupted: finishing the calls in flight…")
      task.cancel()
    }
    let result = await task.value
    interrupt.cancel()
    await embedded?.stop()
    await probe.stop()
    if embedded != nil, result.outcome.exitCode != ExitStatus.invalid.rawValue {
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
    let (events, wall) = collected.timedEvents
    try writeReports(
      events, wall: wall, info: info, redact: client.redactor.redact, exchanges: exchanges, drift: runner.drift)
    if collected.failedRows > 0, let input = bulkInput, let report = rowReportPath {
      let rows = collected.failedRows
      Console.out(
        "\(rows) row\(rows == 1 ? "" : "s") failed; to run \(rows == 1 ? "it" : "them") again (only the failed rows of \(report)):"
      )
      Console.out("  " + failedRowsCommand(input: input.name, report: report))
    }
    if case .aborted = result.outcome {
      Console.out("the run is resumable; to continue where it stopped:")
      Console.out("  " + resumeCommand(runId: link.runId))
      if ResumeCommand.masksSecret(vars.map(ResumeCommand.assignment)) || vars.contains(where: Self.givesSecret) {
        Console.out("  (*** stands for a secret, which is never printed or kept: give its value again)")
      }
    }
    if result.outcome.exitCode != 0 { throw ExitCode(result.outcome.exitCode) }
  }

  /// A `store` step's `to_file` that the inputs name and that exists already is refused before
  /// anything is sent: the values it keeps (one-time access keys) would otherwise be issued, and
  /// then have nowhere to go.
  static func checkStoreFiles(of playbook: String, given: [String: JSONValue]) throws {
    var refused = false
    for (location, path) in StoreSteps.files(in: playbook, inputs: given)
    where FileManager.default.fileExists(atPath: path) {
      Console.diagnostic(
        "\(location): error: \(path) exists; a 'store' step never writes over a file (what it keeps is shown "
          + "once): give a new path")
      refused = true
    }
    if refused { throw ExitStatus.invalid }
  }

  /// Registers with the process's masker the value of every `--var` that gives a secret input of
  /// the playbook (`secret: true`, or named like a sensitive field).
  static func registerSecretInputs(of playbook: String, given: [String: JSONValue]) {
    guard let parsed = PlaybookSource.fileSystem.load(playbook)?.playbook else { return }
    for input in parsed.inputs where input.isSecret {
      if let value = given[input.name] { Console.masker.register(value) }
    }
  }

  /// Whether a `--var name=value` argument gives a value the masker holds as a secret.
  static func givesSecret(_ argument: String) -> Bool {
    let (_, value) = ResumeCommand.assignment(argument)
    return Console.masker.isSecret(value)
  }

  /// A bulk run over its `--max-rows`, or one that changes state on a target that is not a sandbox
  /// without `--yes` or a matching `--confirm`, is refused before anything is sent; the latter
  /// first prints what it would do.
  func checkBlastRadius(target: Target, given: [String: JSONValue]) throws {
    // On a sandbox there is nothing to confirm or cap: spare the csv a second pass.
    if target.isSandbox, maxRows == nil, confirm == nil { return }
    // A resumed run confirms the rows it still has to do, not those the earlier attempts did.
    let finished = resume.flatMap { id in try? RunJournal(path: journal).finishedLines(runId: id) } ?? []
    guard let radius = BlastRadius.of(file: playbook, inputs: given, onBadRow: onBadRow, finished: finished) else {
      return
    }
    if !target.isSandbox, radius.changesState {
      for line in radius.lines(target: target.description) { Console.out(line) }
      if targetOptions.target?.contains("://") == true {
        // Nothing is sent to find out: a real platform must not get a request before the confirmation.
        Console.out(
          "  (a URL given as --target is never taken for a sandbox, not even one of `reach sandbox serve`; "
            + "to rehearse against one without confirming, name it in reach.yaml with `sandbox: true`)")
      }
    }
    do {
      try radius.check(sandbox: target.isSandbox, yes: yes, confirm: confirm, maxRows: maxRows)
    } catch {
      Console.error(error.description)
      throw ExitStatus.invalid
    }
  }

  /// The path of `--report csv=PATH`, if given.
  var rowReportPath: String? {
    reports.first(where: { $0.hasPrefix("csv=") }).map { String($0.dropFirst(4)) }
  }

  /// The command that runs again the rows of this run that failed: the same, with the csv report
  /// as the bulk loop's input `input` (a run given a row report reads only its failed rows), and
  /// no report or resume (a report given as the input must not be written over while read).
  func failedRowsCommand(input: String, report: String) -> String {
    var options: [String] = []
    if let concurrency { options += ["--concurrency", "\(concurrency)"] }
    if let rowsInFlight { options += ["--rows-in-flight", "\(rowsInFlight)"] }
    if let rate { options += ["--rate", rate] }
    if onBadRow != .stop { options += ["--on-bad-row", onBadRow.rawValue] }
    if yes { options.append("--yes") }
    let others = vars.map(ResumeCommand.assignment).filter { $0.name != input }
    return ResumeCommand.text(
      playbook: playbook, vars: others + [(input, report)], target: targetOptions.target, journal: journal,
      options: options, runId: nil)
  }

  /// The file of `--report csv=PATH`, created now so rows can be appended as they end.
  func openRowReport() throws -> FileHandle? {
    guard let path = rowReportPath else {
      return nil
    }
    do {
      return try PrivateFile.create(path)
    } catch {
      Console.error("cannot write the csv report to \(path): \(error.localizedDescription)")
      throw ExitStatus.failure
    }
  }

  /// `50/s` or `50`: requests per second.
  static func rate(parsing text: String) -> Double? {
    let number = text.hasSuffix("/s") ? String(text.dropLast(2)) : text
    guard let rate = Double(number), rate > 0, rate.isFinite else { return nil }
    return rate
  }

  /// A new run in the journal, or the run `--resume` names, checked against this playbook.
  func openJournal(target: Target, given: [String: JSONValue]) throws(RunError) -> JournalLink {
    let store: RunJournal
    do {
      store = try RunJournal(path: journal, masker: Console.masker)
    } catch {
      throw .journal(path: journal, message: "\(error)")
    }
    let text = (try? String(contentsOfFile: playbook, encoding: .utf8)) ?? ""
    guard let resume else {
      do {
        return try JournalLink.start(
          journal: store, playbookPath: playbook, playbookText: text, target: target.name,
          inputs: .object(given), user: RunInfo.ranBy)
      } catch {
        throw .journal(path: journal, message: "\(error)")
      }
    }
    do {
      let record = try store.run(resume)
      guard record.playbookHash == JournalLink.hash(text) else {
        throw RunError.changedPlaybook(runId: resume, path: record.playbookPath)
      }
      guard record.target == target.name else {
        throw RunError.otherTarget(runId: resume, target: record.target)
      }
      // Secrets are journaled masked: the resume must give them again.
      let journaled = (try? JSONParser.parse(record.inputs)) ?? .null
      let missing = ResumeCommand.missingSecrets(journaled: journaled, given: given)
      guard missing.isEmpty else { throw RunError.missingSecrets(runId: resume, names: missing) }
      _ = try store.reopenRun(resume)
      return try JournalLink(resuming: resume, in: store)
    } catch let error as RunError {
      throw error
    } catch {
      throw .journal(path: journal, message: "\(error)")
    }
  }

  /// The command that continues this run: the same arguments plus `--resume <id>` (a secret
  /// `--var` shows as `***`: give it again). `--confirm` is left out: a resumed run counts the
  /// rows it still has to do, and says how many to confirm.
  func resumeCommand(runId: String) -> String {
    var options: [String] = []
    if let concurrency { options += ["--concurrency", "\(concurrency)"] }
    if let rowsInFlight { options += ["--rows-in-flight", "\(rowsInFlight)"] }
    if let rate { options += ["--rate", rate] }
    if onBadRow != .stop { options += ["--on-bad-row", onBadRow.rawValue] }
    if yes { options.append("--yes") }
    if let maxRows { options += ["--max-rows", "\(maxRows)"] }
    return ResumeCommand.text(
      playbook: playbook, vars: vars.map(ResumeCommand.assignment), target: targetOptions.target,
      journal: journal, options: options, runId: runId)
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

  /// The plan, printed as it is worked out: a foreach over a csv input lists each row's calls
  /// (arguments redacted), the file read row by row. Nothing is read from or sent to a target.
  func dryRunPlan(_ validated: ValidatedPlaybook, _ given: [String: JSONValue]) throws {
    let redactor = Redactor(masker: Console.masker)
    var runner = PlaybookRunner(caller: DryRunCaller(redactor: redactor))
    runner.concurrency = concurrency
    runner.onBadRow = onBadRow
    runner.strictContract = contract.strict
    var started = false
    let failure = runner.plan(validated, inputs: given) { entry in
      if !started {
        Console.out("dry run of \(playbook): nothing is sent")
        started = true
      }
      Console.out(String(repeating: "  ", count: entry.depth) + TerminalText.field(entry.description))
    }
    if let failure {
      for diagnostic in failure.diagnostics { Console.diagnostic(diagnostic.description) }
      throw ExitStatus.invalid
    }
    if !started { Console.out("dry run of \(playbook): nothing is sent") }
  }

  /// `wall`: when each event arrived, on the wall clock since the run started.
  func writeReports(
    _ events: [RunEvent], wall: [Duration]? = nil, info: RunInfo, redact: (String) -> String,
    exchanges: ExchangeLog? = nil, drift: ContractDrift? = nil
  ) throws {
    for report in reports {
      let parts = report.split(separator: "=", maxSplits: 1).map(String.init)
      // The csv report was written row by row during the run.
      if parts[0] == "csv" {
        Console.out("wrote csv report to \(parts[1])")
        continue
      }
      let text: String
      // Each report is masked whole: no secret of the run reaches a file.
      switch parts[0] {
      case "junit": text = Console.masker.mask(JUnitReport.xml(events, wall: wall))
      case "md": text = Console.masker.mask(MarkdownReport.text(events, info: info, redact: redact))
      case "html": text = Console.masker.mask(HTMLReport.html(events, info: info, redact: redact))
      case "har":
        let comment = "\(info.file) against \(info.target), started \(info.startedAt)"
        text = Console.masker.mask(
          HARReport.text(exchanges ?? ExchangeLog(wall: Date()), creatorVersion: info.reachVersion, comment: comment))
      case "drift": text = (drift ?? ContractDrift()).json(masker: Console.masker).jsonText(pretty: true) + "\n"
      default: text = Console.masker.mask(JSONLinesReport.text(events))
      }
      do {
        // Reports carry customers' data: the owner's alone, whatever the umask.
        try PrivateFile.write(Data(text.utf8), to: parts[1])
        Console.out("wrote \(parts[0]) report to \(parts[1])")
      } catch {
        Console.error("cannot write the \(parts[0]) report to \(parts[1]): \(error.localizedDescription)")
        throw ExitStatus.failure
      }
    }
  }
}

/// Prints each event as it comes and keeps them all for the reports; shows a bulk run's progress
/// on stderr (see `ProgressTicker`).
final class EventLog: Sendable {
  private let state: Mutex<(report: ConsoleReport, events: [RunEvent], wall: [Duration], progress: ProgressTicker)>
  /// `--report csv=PATH`: bulk rows are appended as they end; and how many failed.
  private let rows: Mutex<(file: FileHandle?, failed: Int)>
  private let started = ContinuousClock.now
  /// The platform side's figures for the progress line, if any.
  private let pace: (@Sendable () -> PaceReading?)?

  /// `live`: stderr is a terminal, so the progress line is redrawn in place.
  init(
    colour: Bool, hyperlinks: Bool = false, rowReport: FileHandle? = nil, rowKey: String = "customerId",
    live: Bool = isatty(STDERR_FILENO) == 1, pace: (@Sendable () -> PaceReading?)? = nil
  ) {
    var report = ConsoleReport(colour: colour)
    report.hyperlinks = hyperlinks
    state = Mutex((report, [], [], ProgressTicker(live: live)))
    rows = Mutex((rowReport, 0))
    self.pace = pace
    rowReport?.write(Data(RowCSVReport.header(key: rowKey).utf8))
  }

  /// The bulk rows that failed so far.
  var failedRows: Int { rows.withLock { $0.failed } }

  func record(_ event: RunEvent) {
    let now = ContinuousClock.now - started
    if case .rowFinished(_, let row) = event {
      rows.withLock { rows in
        rows.file?.write(Data(Console.masker.mask(RowCSVReport.line(row)).utf8))
        if row.outcome == .failed { rows.failed += 1 }
      }
    }
    // Written under the lock: the live line is erased, other lines printed, and the line drawn
    // again in the order the events came.
    state.withLock { state in
      // Rows are not kept: a bulk run has millions; `runs show` and the csv report list them.
      if case .rowFinished = event {
      } else {
        state.events.append(event)
        state.wall.append(now)
      }
      let lines = state.report.lines(for: event)
      if !lines.isEmpty, let clear = state.progress.clear() { Console.stderr(clear) }
      for line in lines { Console.styled(line) }
      let reading = state.progress.progress == nil ? nil : pace?()
      if let progress = state.progress.text(for: event, at: now, pace: reading) {
        Console.stderr(progress)
      }
    }
  }

  var events: [RunEvent] { state.withLock { $0.events } }

  /// The events with when each arrived on the wall clock, since the log was made.
  var timedEvents: (events: [RunEvent], wall: [Duration]) { state.withLock { ($0.events, $0.wall) } }
}

/// The caller of a dry run: plans never call it; it redacts what the plan shows.
struct DryRunCaller: EndpointCaller {
  let redactor: Redactor

  func answer(_ endpointID: String, _ arguments: [String: JSONValue]) async throws(ReachClientError) -> EndpointAnswer {
    throw .transport(endpointID: endpointID, message: "a dry run sends nothing")
  }

  func redacted(_ value: JSONValue) -> JSONValue { redactor.redact(value) }

  var secretMasker: SecretMasker? { redactor.masker }

  func customer(_ action: String, url: String, card: String?) async throws(ReachClientError)
    -> (status: Int, location: String?)
  {
    throw .transport(endpointID: "customer", message: "a dry run sends nothing")
  }
}
