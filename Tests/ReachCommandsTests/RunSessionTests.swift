import Foundation
import Playbook
import PlaybookRunner
import ReachCatalogue
import RunJournal
import Testing

@testable import ReachCommands

/// Issue 15, item 5: the wiring of `reach run` lives in `RunSession`, driven here without any
/// argument parsing, against the embedded sandbox and its webhook receiver (real HTTP servers on
/// loopback), with a real SQLite journal and a report file.
@Suite struct RunSessionTests {
  /// A folder of the test's own, removed by `remove()`.
  struct Folder {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("reach-session-\(UUID().uuidString)")

    init() throws {
      try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func write(_ name: String, _ text: String) throws -> String {
      try text.write(toFile: path(name), atomically: true, encoding: .utf8)
      return path(name)
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
  }

  /// Tops up a line (Scenario B, which makes one first), then waits for the top-up's callback:
  /// the session must start the sandbox, its receiver and the journal, and hand the runner all of them.
  static let topUpAndWait = """
    name: Top up and wait for the callback
    steps:
      - id: topup
        use: \(GuideScenarioTests.scenarios)/b-topup.yaml
      - id: callback
        wait_for: PURCHASE_SUBSEQUENT
        where: ${{ event.transactionId == steps.topup.transactionId }}
        timeout: 10m
    outputs:
      transaction: ${{ steps.topup.transactionId }}
    """

  @Test func aSessionRunsAPlaybookAgainstTheEmbeddedSandbox() async throws {
    let folder = try Folder()
    defer { folder.remove() }
    var session = RunSession(playbook: try folder.write("topup.yaml", Self.topUpAndWait))
    session.journal = folder.path("journal.sqlite")
    session.reports = ["json=" + folder.path("events.jsonl")]
    let status = try await session.run()
    #expect(status == ExitStatus.success)
    let journal = try RunJournal(path: session.journal)
    let runs = try journal.runs()
    #expect(runs.count == 1)
    let run = try #require(runs.first)
    #expect(run.outcome == .passed, "\(run.message ?? "")")
    #expect(run.target == "sandbox")
    let steps = try journal.steps(runId: run.id)
    #expect(steps.contains { $0.path.hasSuffix("callback") && $0.outcome == .passed }, "\(steps.map(\.path))")
    let report = try String(contentsOfFile: folder.path("events.jsonl"), encoding: .utf8)
    #expect(report.contains(#""event":"runFinished""#), "\(report.suffix(400))")
    #expect(report.contains(#""endpoint":"product.subsequent""#))
  }

  @Test func aFailingStepEndsTheSessionWithStatusOne() async throws {
    let folder = try Folder()
    defer { folder.remove() }
    let playbook = try folder.write(
      "plans.yaml",
      """
      name: Plans, expecting what the sandbox does not answer
      steps:
        - id: plans
          call: product.plans
          expect: { status: 404 }
      """)
    var session = RunSession(playbook: playbook)
    session.journal = folder.path("journal.sqlite")
    #expect(try await session.run() == ExitStatus.failure)
    let run = try #require(try RunJournal(path: session.journal).runs().first)
    #expect(run.outcome == .failed)
  }

  @Test func anInvalidPlaybookStartsNothing() async throws {
    let folder = try Folder()
    defer { folder.remove() }
    let playbook = try folder.write(
      "bad.yaml",
      """
      name: Calls an endpoint that does not exist
      steps:
        - id: nowhere
          call: product.nowhere
      """)
    var session = RunSession(playbook: playbook)
    session.journal = folder.path("journal.sqlite")
    session.reports = ["json=" + folder.path("events.jsonl")]
    #expect(try await session.run() == ExitStatus.invalid)
    // Nothing started: no journal, no report.
    #expect(!FileManager.default.fileExists(atPath: session.journal))
    #expect(!FileManager.default.fileExists(atPath: folder.path("events.jsonl")))
    // A dry run of it is refused the same way; of a sound one, it plans and journals nothing.
    session.dryRun = true
    #expect(try await session.run() == ExitStatus.invalid)
    session.playbook = try folder.write("topup.yaml", Self.topUpAndWait)
    #expect(try await session.run() == ExitStatus.success)
    #expect(!FileManager.default.fileExists(atPath: session.journal))
  }

  /// A resumed run's csv report starts with the rows its earlier attempts finished, as the
  /// journal holds them (a row that failed before the interruption included, so the report can run
  /// it again), then the rows it runs; the failed ones count toward the run-them-again command.
  @Test func aResumedRunsCSVReportStartsWithTheJournalsRows() throws {
    let folder = try Folder()
    defer { folder.remove() }
    var session = RunSession(playbook: folder.path("bulk.yaml"))
    session.journal = folder.path("journal.sqlite")
    let journal = try RunJournal(path: session.journal)
    let run = try journal.startRun(
      playbookPath: "bulk.yaml", playbookHash: "h", target: "sandbox", inputs: [:], user: "u")
    try journal.recordRow(runId: run.id, line: 2, key: "C2", outcome: .passed, httpStatus: 200, attempts: 3)
    try journal.recordRow(runId: run.id, line: 3, key: "C3", outcome: .failed, reason: "HTTP 500", httpStatus: 500)
    try journal.recordRow(runId: run.id, line: 4, key: "C4", outcome: .running)
    // A new run has no earlier rows; the resumed one has the finished two.
    #expect(session.earlierRows(of: run.id).isEmpty)
    session.resume = run.id
    let earlier = session.earlierRows(of: run.id)
    #expect(earlier.map(\.key) == ["C2", "C3"])
    let path = folder.path("rows.csv")
    #expect(FileManager.default.createFile(atPath: path, contents: nil))
    let handle = FileHandle(forWritingAtPath: path)
    let log = EventLog(colour: false, rowReport: handle, earlierRows: earlier, live: false)
    let step = StepReference(
      scope: [], label: "rows", location: .init(file: "bulk.yaml", line: 3, column: 5))
    log.record(.rowFinished(step, RowResult(line: 4, key: "C4", outcome: .done, status: 200, attempts: 2)))
    try handle?.close()
    #expect(
      try String(contentsOfFile: path, encoding: .utf8)
        == "customerId,outcome,outcomeReason,httpStatus,attempts\nC2,done,,200,3\nC3,failed,HTTP 500,500,0\nC4,done,,200,2\n"
    )
    #expect(log.failedRows == 1)
  }
}
