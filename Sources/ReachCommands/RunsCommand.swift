import ArgumentParser
import Foundation
import ReachCatalogue
import RunJournal

struct RunsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "runs",
    abstract: "List and inspect the runs recorded in the run journal.",
    subcommands: [List.self, Show.self, Customers.self])

  struct JournalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The run journal.", valueName: "path"))
    var journal: String = RunJournal.defaultPath

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    /// Opens an existing journal; reading never creates one.
    func open() throws -> RunJournal {
      guard FileManager.default.fileExists(atPath: journal) else {
        Console.error("no journal at \(journal) yet: `reach run` records runs there (or give --journal PATH)")
        throw ExitStatus.invalid
      }
      do {
        return try RunJournal(path: journal)
      } catch {
        Console.error("cannot open the journal \(journal): \(error)")
        throw ExitStatus.invalid
      }
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List runs, newest first.")

    @OptionGroup var options: JournalOptions

    @Option(name: .long, help: "Show at most this many runs.")
    var limit = 50

    func validate() throws {
      guard limit > 0 else { throw ValidationError("--limit must be positive") }
    }

    func run() throws {
      let runs = try options.open().runs(limit: limit)
      if options.json {
        Console.out(JSONValue.array(runs.map(RunsReport.json)).jsonText(pretty: true))
      } else {
        Console.out(RunsReport.listText(runs))
      }
    }
  }

  struct Customers: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List the customers learned from completed purchases, newest first, as CSV.",
      discussion: """
        The guide says to persist customerId once a purchase completes: every run keeps those it \
        sees in the journal. The CSV (customerId, clientAccountId, runId, learnedAt) is a bulk \
        playbook's customers input as it is.
        """)

    @OptionGroup var options: JournalOptions

    func run() throws {
      let customers = try options.open().customers()
      if options.json {
        Console.out(JSONValue.array(customers.map(RunsReport.json)).jsonText(pretty: true))
      } else {
        Console.out(RunsReport.customersCSV(customers))
      }
    }
  }

  struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show one run: its steps, rows and effects.",
      discussion: """
        With --watch, follow a run that is going on, from another terminal: a line each time \
        its counts change, then the run in full when it ends. Exit status with --watch: 0 \
        passed, 1 failed, 3 interrupted.
        """)

    @Argument(help: ArgumentHelp("The run id, from `reach runs list`.", valueName: "run-id"))
    var id: String

    @OptionGroup var options: JournalOptions

    @Flag(name: .long, help: "Follow the run through the journal until it ends.")
    var watch = false

    @Option(name: .long, help: ArgumentHelp("With --watch, seconds between looks at the journal.", valueName: "s"))
    var every: Double = 2

    func validate() throws {
      guard every > 0, every.isFinite else { throw ValidationError("--every must be a positive number of seconds") }
    }

    func run() async throws {
      let journal = try options.open()
      var record: RunRecord
      do {
        record = try journal.run(id)
      } catch {
        Console.error("\(error)")
        throw ExitStatus.invalid
      }
      var ended: Outcome?
      if watch {
        let watcher = RunWatcher(journal: journal, record: record)
        ended = try await watcher.watch(every: .seconds(every), clock: ContinuousClock()) { Console.out($0) }
        record = try journal.run(id)
      }
      let steps = try journal.steps(runId: id)
      let rows = try journal.rows(runId: id)
      let effects = try journal.effects(runId: id)
      let customers = try journal.customers(runId: id)
      if options.json {
        Console.out(
          RunsReport.detailJSON(record, steps: steps, rows: rows, effects: effects, customers: customers)
            .jsonText(pretty: true))
      } else {
        Console.out(
          RunsReport.detailText(
            record, steps: steps, rows: rows, effects: effects, customers: customers, journal: options.journal))
      }
      switch ended {
      case .failed?: throw ExitCode(1)
      case .invalid?: throw ExitCode(2)
      case .interrupted?, .aborted?: throw ExitCode(3)
      default: return
      }
    }
  }
}
