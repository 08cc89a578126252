import Foundation
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
}
