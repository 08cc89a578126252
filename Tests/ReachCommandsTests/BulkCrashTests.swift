import Foundation
import ReachCatalogue
import RunJournal
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The real `reach` binary suspending lines of a standalone `reach sandbox serve --customers N`,
/// killed (SIGKILL, or SIGINT) at points found by watching its journal, then resumed: the
/// sandbox's audit shows exactly one accepted suspension per line and the journal every row done.
@Suite(.serialized) struct BulkCrashTests {
  static let root = ShippedPlaybooksTests.root
  static let binary = ShippedPlaybooksTests.binary
  static var binaryBuilt: Bool { ShippedPlaybooksTests.binaryBuilt }

  /// A standalone sandbox process with `customers` active lines, and its CSV.
  final class Sandbox {
    let process = Process()
    let url: String
    let csv: String
    let environment: [String: String]

    init(customers: Int, folder: URL) throws {
      let jwt = "test." + UUID().uuidString.replacingOccurrences(of: "-", with: "")
      let apiKey = "sbx_" + UUID().uuidString.replacingOccurrences(of: "-", with: "")
      csv = folder.appendingPathComponent("customers.csv").path
      process.executableURL = BulkCrashTests.binary
      process.arguments = [
        "sandbox", "serve", "--port", "0", "--speed", "1000", "--customers", String(customers), "--customers-csv", csv,
        "--jwt", jwt, "--api-key", apiKey,
      ]
      let out = Pipe()
      process.standardOutput = out
      process.standardError = FileHandle.nullDevice
      try process.run()
      // The one ready line: `reach sandbox listening on http://127.0.0.1:PORT (N customers: PATH)`.
      var line = Data()
      while !line.contains(UInt8(ascii: "\n")) {
        let chunk = out.fileHandleForReading.availableData
        if chunk.isEmpty { break }
        line.append(chunk)
      }
      let text = String(decoding: line, as: UTF8.self)
      guard let range = text.range(of: "listening on ") else { throw CocoaError(.fileReadUnknown) }
      url = String(text[range.upperBound...].prefix { !$0.isWhitespace })
      var environment = ProcessInfo.processInfo.environment
      environment["REACH_JWT"] = jwt
      environment["REACH_API_KEY"] = apiKey
      environment["NO_COLOR"] = "1"
      self.environment = environment
    }

    deinit {
      process.terminate()
      process.waitUntilExit()
    }

    /// The customerIds of every accepted suspension.
    func suspended() async throws -> [String] {
      let (data, _) = try await URLSession.shared.data(from: URL(string: url + "/__sandbox/audit")!)
      let entries = try JSONDecoder().decode(JSONValue.self, from: data)["entries"]?.arrayValue ?? []
      return entries.filter { $0["endpointId"] == "subscriber.suspend" }.compactMap { $0["customerId"]?.stringValue }
    }
  }

  /// `reach run` of the bulk suspension, started (not awaited), its output going to `log`.
  /// `alone`: `--resume <id>` with no playbook, input, target or concurrency (only the journal's
  /// place and `--yes`): the rest comes from the journal.
  static func start(
    _ sandbox: Sandbox, journal: String, log: URL, resume: String? = nil, alone: Bool = false, extra: [String] = [],
    in directory: URL? = nil
  ) throws -> Process {
    let process = Process()
    process.executableURL = binary
    process.currentDirectoryURL = directory ?? root
    if let resume, alone {
      // A bare URL is no sandbox to reach (only reach.yaml's `sandbox: true` says so): a
      // state-changing run against it is confirmed, resumed or not.
      process.arguments = ["run", "--resume", resume, "--journal", journal, "--yes"] + extra
    } else {
      process.arguments =
        [
          "run", "Playbooks/ops/bulk-suspend.yaml", "--var", "customers=\(sandbox.csv)", "--target", sandbox.url,
          "--journal", journal, "--concurrency", "32", "--yes",
        ] + (resume.map { ["--resume", $0] } ?? []) + extra
    }
    process.environment = sandbox.environment
    try launch(process, log: log)
    return process
  }

  /// Starts `process` with its output and errors in `log` (made empty) and no standard input.
  static func launch(_ process: Process, log: URL) throws {
    _ = FileManager.default.createFile(atPath: log.path, contents: nil)
    let handle = try FileHandle(forWritingTo: log)
    process.standardOutput = handle
    process.standardError = handle
    process.standardInput = FileHandle.nullDevice
    try process.run()
  }

  /// A process, handed to the thread that watches it (`Process` is not `Sendable`).
  final class Held: @unchecked Sendable {
    let process: Process
    var watcher: Process?
    var seen = Data()
    init(_ process: Process) { self.process = process }
  }

  /// Polls the journal file (not the clock) until the run has journaled `rows` rows or has ended;
  /// at that point, while it still runs, calls `act` with its id. All on a thread of its own: the
  /// test's task shares the two threads of Swift's pool with the suite's other tests, which on a
  /// loaded machine held it for seconds, long enough for the run to end before its kill point.
  /// Returns the run's id and whether `act` ran.
  static func at(_ rows: Int, in journal: String, of held: Held, _ act: @escaping @Sendable (String) -> Void) async
    -> (id: String?, acted: Bool)
  {
    await withCheckedContinuation { continuation in
      Thread {
        // Opened once (opening the journal runs its migrator, a write), the rows counted by the
        // database.
        var store: RunJournal?
        var id: String?
        while held.process.isRunning {
          if store == nil, FileManager.default.fileExists(atPath: journal) { store = try? RunJournal(path: journal) }
          if let store, let run = try? store.runs().first {
            id = run.id
            if let counts = try? store.rowCounts(runId: run.id), counts.values.reduce(0, +) >= rows {
              act(run.id)
              continuation.resume(returning: (run.id, true))
              return
            }
          }
          usleep(2000)
        }
        if id == nil { id = try? RunJournal(path: journal).runs().first?.id }
        continuation.resume(returning: (id, false))
      }.start()
    }
  }

  static func folder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reach-crash-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  @Test(.enabled(if: binaryBuilt)) func killedThreeTimesAndResumedEveryLineIsSuspendedExactlyOnce() async throws {
    let folder = try Self.folder()
    let sandbox = try Sandbox(customers: 2000, folder: folder)
    let journal = folder.appendingPathComponent("journal.sqlite").path
    var runId: String?
    // Kill points: after these many rows are journaled, in the first run and in two resumes.
    for (attempt, point) in [150, 700, 1300].enumerated() {
      let log = folder.appendingPathComponent("run-\(attempt).log")
      // Paced at 400 rows/s, so each kill lands before the run could end however fast it runs.
      let process = try Self.start(sandbox, journal: journal, log: log, resume: runId, extra: ["--rate", "400/s"])
      let pid = process.processIdentifier
      let (id, killed) = await Self.at(point, in: journal, of: Held(process)) { _ in kill(pid, SIGKILL) }
      runId = id
      let early = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
      #expect(killed, "the run ended before row \(point): \(early)")
      await process.exited()
      #expect(process.terminationReason == .uncaughtSignal)
    }
    let id = try #require(runId)
    let store = try RunJournal(path: journal)
    #expect(try store.run(id).outcome == .running)  // a killed run never wrote its end
    // The last resume by its id alone.
    let final = try Self.start(
      sandbox, journal: journal, log: folder.appendingPathComponent("final.log"), resume: id, alone: true)
    await final.exited()
    let output = try String(contentsOf: folder.appendingPathComponent("final.log"), encoding: .utf8)
    #expect(final.terminationStatus == 0, "\(output)")
    #expect(output.contains("already finished by the run being resumed"))

    let rows = try store.rows(runId: id)
    #expect(rows.count == 2000)
    #expect(rows.allSatisfy { $0.outcome == .passed }, "\(rows.filter { $0.outcome != .passed }.prefix(5))")
    #expect(try store.openEffects(runId: id).isEmpty)
    #expect(try store.run(id).outcome == .passed)
    let suspended = try await sandbox.suspended()
    #expect(suspended.count == 2000, "\(suspended.count) accepted suspensions for 2000 lines")
    #expect(Set(suspended).count == 2000)
  }

  @Test(.enabled(if: binaryBuilt)) func ctrlCStopsGracefullyPrintsTheResumeCommandAndResumes() async throws {
    let folder = try Self.folder()
    let sandbox = try Sandbox(customers: 600, folder: folder)
    let journal = folder.appendingPathComponent("journal.sqlite").path
    let log = folder.appendingPathComponent("first.log")
    // Paced at 200 rows/s, so the 600 rows take 3 s and the Ctrl-C after 100 lands mid-run
    // however fast the machine runs them.
    let process = try Self.start(sandbox, journal: journal, log: log, extra: ["--rate", "200/s"])
    // At row 100 another process starts following the run through the journal; after its first
    // look, the Ctrl-C.
    let held = Held(process)
    let environment = sandbox.environment
    let (runId, interrupted) = await Self.at(100, in: journal, of: held) { id in
      let watcher = Process()
      watcher.executableURL = Self.binary
      watcher.arguments = ["runs", "show", id, "--watch", "--every", "0.05", "--journal", journal]
      watcher.environment = environment
      let watched = Pipe()
      watcher.standardOutput = watched
      watcher.standardError = FileHandle.nullDevice
      watcher.standardInput = FileHandle.nullDevice
      held.watcher = watcher
      guard (try? watcher.run()) != nil else { return }
      while !held.seen.contains(UInt8(ascii: "\n")) {
        let chunk = watched.fileHandleForReading.availableData
        if chunk.isEmpty { break }
        held.seen.append(chunk)
      }
      kill(held.process.processIdentifier, SIGINT)
      held.seen.append(watched.fileHandleForReading.readDataToEndOfFile())
    }
    guard interrupted, let id = runId, let watcher = held.watcher else {
      await process.exited()
      Issue.record(
        """
        the run ended before row 100 (status \(process.terminationStatus), \
        \(process.terminationReason == .uncaughtSignal ? "by a signal" : "exited")): \
        \((try? String(contentsOf: log, encoding: .utf8)) ?? "")
        """)
      return
    }
    await process.exited()
    let view = String(decoding: held.seen, as: UTF8.self)
    await watcher.exited()
    #expect(watcher.terminationStatus == 3, "\(view)")
    let looks = view.split(separator: "\n").filter { $0.hasPrefix("+") }
    #expect(looks.first?.contains(" running · ") == true, "\(view)")
    #expect(looks.first?.contains("/600 rows") == true, "\(view)")
    #expect(looks.last?.contains(" interrupted · ") == true, "\(view)")
    let output = try String(contentsOf: log, encoding: .utf8)
    #expect(process.terminationStatus == 3, "\(output)")
    #expect(output.contains("interrupted: finishing the calls in flight"))
    #expect(
      output.contains("  reach run --journal \(journal) --concurrency 32 --rate 200/s --yes --resume \(id)\n"),
      "\(output)")
    let store = try RunJournal(path: journal)
    #expect(try store.run(id).outcome == .interrupted)
    let finished = try store.rows(runId: id).count
    #expect(finished >= 100 && finished < 600)

    let report = folder.appendingPathComponent("rows.csv").path
    // From another directory: the journal holds the playbook's absolute path.
    let resumed = try Self.start(
      sandbox, journal: journal, log: folder.appendingPathComponent("second.log"), resume: id, alone: true,
      extra: ["--report", "csv=\(report)"], in: folder)
    await resumed.exited()
    #expect(resumed.terminationStatus == 0)
    // One line per row of the run, those the interrupted attempt finished (from the journal)
    // first, then those the resumed one ran: ready to be the next run's input.
    let lines = try String(contentsOfFile: report, encoding: .utf8).split(separator: "\n")
    #expect(lines.first == "customerId,outcome,outcomeReason,httpStatus,attempts")
    #expect(lines.count == 1 + 600)
    #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("SUB") && $0.contains(",done,") })
    #expect(Set(lines.dropFirst().map { $0.split(separator: ",")[0] }).count == 600)
    #expect(try store.rows(runId: id).filter { $0.outcome == .passed }.count == 600)
    let suspended = try await sandbox.suspended()
    #expect(suspended.count == 600)
    #expect(Set(suspended).count == 600)
  }

  /// SIGTERM (a `kill`, a CI job's timeout) stops a run against the embedded sandbox as Ctrl-C
  /// does: the sandbox in the same process does not take the signal for itself (it used to shut
  /// down gracefully while the run went on). 10,000 rows, so the signal after row 100 lands mid-run
  /// however fast the machine runs them.
  @Test(.enabled(if: binaryBuilt)) func sigtermStopsARunOnTheEmbeddedSandbox() async throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let playbook = folder.appendingPathComponent("zips.yaml")
    try """
    name: Zips
    inputs:
      zips: { type: csv, required: true, columns: { zip: required } }
    steps:
      - id: rows
        foreach: ${{ inputs.zips }}
        as: row
        concurrency: 4
        steps:
          - id: check
            call: zip.validate
            with: { zip: "${{ row.zip }}" }

    """.write(to: playbook, atomically: true, encoding: .utf8)
    let csv = folder.appendingPathComponent("zips.csv")
    try ("zip\n" + (0..<10_000).map { "\(10_001 + $0 % 50)\n" }.joined()).write(
      to: csv, atomically: true, encoding: .utf8)
    let journal = folder.appendingPathComponent("journal.sqlite").path
    let log = folder.appendingPathComponent("run.log")
    let process = Process()
    process.executableURL = Self.binary
    process.arguments = ["run", playbook.path, "--var", "zips=\(csv.path)", "--journal", journal]
    process.environment = ["NO_COLOR": "1", "PATH": "/usr/bin:/bin"]
    try Self.launch(process, log: log)
    let pid = process.processIdentifier
    let (runId, signalled) = await Self.at(100, in: journal, of: Held(process)) { _ in kill(pid, SIGTERM) }
    await process.exited()
    let output = try String(contentsOf: log, encoding: .utf8)
    #expect(signalled, "the run ended before row 100: \(output)")
    #expect(process.terminationReason == .exit, "\(output)")
    #expect(process.terminationStatus == 3, "\(output)")
    #expect(output.contains("interrupted: finishing the calls in flight"), "\(output)")
    #expect(output.contains("the run is resumable"), "\(output)")
    let id = try #require(runId)
    let store = try RunJournal(path: journal)
    #expect(try store.run(id).outcome == .interrupted)
    #expect(try store.rows(runId: id).count < 10_000)
  }
}

extension Process {
  /// `waitUntilExit()` on a thread of its own, not on one of the few cooperative threads every
  /// test in this process shares (see `ShippedPlaybooksTests.blocking`).
  func exited() async {
    _ = try? await ShippedPlaybooksTests.blocking { self.waitUntilExit() }
  }
}
