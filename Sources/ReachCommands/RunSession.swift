import ArgumentParser
import Foundation
import Playbook
import PlaybookRunner
import ReachCatalogue
import ReachClient
import ReachWebhooks
import RunJournal

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The wiring of one `reach run`, apart from its command line: the playbook validated once, the
/// target (the embedded sandbox and its webhook receiver, or a configured one with its
/// credentials), the checks made before anything is sent (store files, blast radius), the
/// journal, the client and its rate limiter, the runner, the reports and what is printed after.
/// `RunCommand` parses its options into one and runs it; a test drives one directly.
struct RunSession: Sendable {
  /// The playbook file.
  var playbook: String
  /// `--var name=value` arguments, as given (the resume and failed-rows commands repeat them).
  var vars: [String] = []
  /// Inputs that come from neither `vars` nor the journal: a resumed run's secrets, from the
  /// environment or asked for.
  var fetchedInputs: [String: JSONValue] = [:]
  /// `--target`: a target name from the configuration or a base URL; nil or `sandbox` for the
  /// embedded sandbox.
  var targetName: String? = nil
  /// `--config`: the target configuration file.
  var config = TargetConfig.defaultFile
  /// `--strict-contract`.
  var strictContract = false
  /// `--webhooks-db`.
  var webhooksDB: String? = nil
  /// `--dry-run`: plan and print, send nothing.
  var dryRun = false
  /// `--report FORMAT=PATH` arguments.
  var reports: [String] = []
  /// `--journal`.
  var journal = RunJournal.defaultPath
  /// `--resume`: the run continued, whose record the journal has.
  var resume: String? = nil
  var concurrency: Int? = nil
  var rowsInFlight: Int? = nil
  /// `--rate`: `R/s` (checked by the command).
  var rate: String? = nil
  var onBadRow = BadRowPolicy.stop
  var yes = false
  var confirm: Int? = nil
  var maxRows: Int? = nil
  /// Who does customer steps against a target that is not a sandbox.
  var customerSteps = CustomerStepMode.fail

  /// Runs the session: exit status 0 when every step passed, else the status the docs give
  /// (1 failed, 2 invalid playbook or inputs with nothing sent, 3 aborted). Errors other than an
  /// exit status (none expected) are thrown.
  func run() async throws -> ExitCode {
    do {
      try await start()
      return ExitStatus.success
    } catch let status as ExitCode {
      return status
    }
  }

  /// Validates the playbook once, then plans it (`dryRun`) or starts the target and runs it.
  func start() async throws {
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
    let validation = PlaybookValidator(strictContract: strictContract).validated(file: playbook)
    for diagnostic in validation.diagnostics { Console.diagnostic(diagnostic.description) }
    guard let validated = validation.playbook else { throw ExitStatus.invalid }
    // A --var the playbook does not take: a usage error, named as given (it has no line).
    if let unknown = InputError.unknown(in: given, of: validated.playbook) {
      Console.error(unknown.description)
      throw ExitStatus.invalid
    }
    // The secret inputs given are registered before anything is printed or written.
    Self.registerSecretInputs(of: validated.playbook, given: given)
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
    if targetName == nil || targetName == "sandbox" {
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
        target = try TargetOptions.resolve(target: targetName, config: config)
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
    runner.strictContract = strictContract
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
        ? ["jwt and apiKey: generated by the embedded sandbox for this run"]
        : TargetOptions.credentialSources(target: targetName, config: config),
      transport: transport)
    runner.probe = probe
    runner.concurrency = concurrency
    runner.rowsInFlight = rowsInFlight
    let gauges = RunGauges()
    runner.gauges = gauges
    runner.onBadRow = onBadRow
    // The secret inputs: shown and journaled as `***` whatever their length.
    let secret = Set(validated.playbook.inputs.filter(\.isSecret).map(\.name))
    let link: JournalLink
    do {
      link = try openJournal(target: target, given: given, secret: secret)
    } catch {
      await embedded?.stop()
      Console.error(error.description)
      throw ExitStatus.invalid
    }
    runner.journal = link
    let bulkInput = validated.playbook.bulkInput
    let rowReport = try openRowReport()
    let collected = EventLog(
      colour: Console.colour, hyperlinks: Console.hyperlinks, rowReport: rowReport,
      rowKey: bulkInput?.columns?.first?.name ?? "customerId",
      earlierRows: rowReport == nil ? [] : earlierRows(of: link.runId)
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
    // The progress line of a bulk run is drawn on the wall clock too, not only as rows finish.
    let ticking = collected.ticking()
    // Ctrl-C or SIGTERM: no new row starts, calls in flight finish or are journaled as unknown,
    // then the resume command is printed.
    let interrupt = Interrupt.onInterrupt {
      Console.note("interrupted: finishing the calls in flight…")
      task.cancel()
    }
    let result = await task.value
    ticking.cancel()
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
      let outputs = result.shownOutputs
      for name in outputs.keys.sorted() {
        Console.out("  \(name): \(client.redactor.redact(outputs[name]!).jsonText())")
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
      Console.out("  " + failedRowsCommand(input: input.name, report: report, secret: secret))
    }
    if case .aborted = result.outcome {
      Console.out("the run is resumable; to continue where it stopped:")
      Console.out("  " + resumeCommand(runId: link.runId))
      let shown = vars.map { ResumeCommand.assignment($0, secret: secret) }
      if ResumeCommand.masksSecret(shown) || vars.contains(where: Self.givesSecret) {
        Console.out("  " + ResumeCommand.secretsNote)
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
  static func registerSecretInputs(of playbook: Playbook, given: [String: JSONValue]) {
    for input in playbook.inputs where input.isSecret {
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
      if targetName?.contains("://") == true {
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

  /// `path` made absolute against `directory`, with `.` and `..` resolved.
  static func absolute(_ path: String, in directory: String) -> String {
    let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : URL(fileURLWithPath: directory).appending(path: path)
    return url.standardized.path
  }

  /// The rows that earlier attempts of a resumed run finished, as the journal holds them (none
  /// for a new run): a resumed run does not run them again.
  func earlierRows(of runId: String) -> [RowResult] {
    guard resume != nil, let records = try? RunJournal(path: journal).rows(runId: runId) else { return [] }
    return records.compactMap { record in
      let outcome: RowResult.Outcome
      switch record.outcome {
      case .passed: outcome = .done
      case .skipped: outcome = .skipped
      case .failed: outcome = .failed
      case .running, .aborted, .interrupted, .invalid: return nil
      }
      var row = RowResult(
        line: record.line, key: record.key, outcome: outcome, reason: record.reason, status: record.httpStatus,
        attempts: record.attempts)
      row.durationMs = record.durationMs
      return row
    }
  }

  /// The path of `--report csv=PATH`, if given.
  var rowReportPath: String? {
    reports.first(where: { $0.hasPrefix("csv=") }).map { String($0.dropFirst(4)) }
  }

  /// The options that a command running this playbook again repeats: its pace, what it does with
  /// bad rows, and `--yes`.
  var repeatedOptions: [String] {
    var options: [String] = []
    if let concurrency { options += ["--concurrency", "\(concurrency)"] }
    if let rowsInFlight { options += ["--rows-in-flight", "\(rowsInFlight)"] }
    if let rate { options += ["--rate", rate] }
    if onBadRow != .stop { options += ["--on-bad-row", onBadRow.rawValue] }
    if yes { options.append("--yes") }
    return options
  }

  /// The command that runs again the rows of this run that failed: the same, with the csv report
  /// as the bulk loop's input `input` (a run given a row report reads only its failed rows), and
  /// no report or resume (a report given as the input must not be written over while read).
  func failedRowsCommand(input: String, report: String, secret: Set<String> = []) -> String {
    let options = repeatedOptions
    let others = vars.map { ResumeCommand.assignment($0, secret: secret) }.filter { $0.name != input }
    return ResumeCommand.text(
      playbook: playbook, vars: others + [(input, report)], target: targetName, journal: journal,
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
  /// `secret` names the playbook's secret inputs: the journal keeps them masked, whatever their
  /// length, and a resume must give them again.
  func openJournal(
    target: Target, given: [String: JSONValue], secret: Set<String> = []
  ) throws(RunError) -> JournalLink {
    let store: RunJournal
    do {
      store = try RunJournal(path: journal, masker: Console.masker)
    } catch {
      throw .journal(path: journal, message: "\(error)")
    }
    let text = (try? String(contentsOfFile: playbook, encoding: .utf8)) ?? ""
    guard let resume else {
      do {
        // The absolute path and the directory: a resume from elsewhere finds the playbook and
        // the reach.yaml the run started with.
        let directory = FileManager.default.currentDirectoryPath
        return try JournalLink.start(
          journal: store, playbookPath: Self.absolute(playbook, in: directory), playbookText: text,
          target: target.name, inputs: .object(SecretTaint.shown(given, secret: secret)), user: RunInfo.ranBy,
          directory: directory)
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
      let missing = ResumeCommand.missingSecrets(journaled: journaled, given: given, secret: secret)
      guard missing.isEmpty else { throw RunError.missingSecrets(runId: resume, names: missing) }
      _ = try store.reopenRun(resume)
      return try JournalLink(resuming: resume, in: store)
    } catch let error as RunError {
      throw error
    } catch {
      throw .journal(path: journal, message: "\(error)")
    }
  }

  /// The command that continues this run: `reach run --resume <id>` (the journal holds the
  /// playbook, the inputs but secrets, and the target), with the options it does not keep.
  /// `--confirm` is left out: a resumed run counts the rows it still has to do, and says how many
  /// to confirm.
  func resumeCommand(runId: String) -> String {
    var options = repeatedOptions
    if let maxRows { options += ["--max-rows", "\(maxRows)"] }
    return ResumeCommand.short(journal: journal, options: options, runId: runId)
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
    runner.strictContract = strictContract
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
