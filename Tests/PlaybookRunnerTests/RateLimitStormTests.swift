import Foundation
import Playbook
import PlaybookRunner
import ReachCatalogue
import ReachClient
import RunJournal
import Synchronization
import Testing

/// A 429 storm during a bulk suspension: every suspend is answered 429 without Retry-After. The
/// retries follow the guide (1, 2, 4, 8 s apart on the run's clock, every worker holding
/// together), the run stops with exit 3 and a message to alert operations, nothing is recorded as
/// done, and the journal resumes the run once the platform answers again.
@Suite struct RateLimitStormTests {
  static let bulkSuspend = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Playbooks/ops/bulk-suspend.yaml").path

  struct Lines {
    var status: [String: Int] = ["C-1": 2, "C-2": 2, "C-3": 2]
    var storm = true
    var suspendTimes: [Duration] = []
  }

  @Test func fiveConsecutive429sStopTheRunWithExit3AndAResumableJournal() async throws {
    let clock = VirtualClock()
    let lines = Mutex(Lines())
    let platform = FakePlatform { request, _ in
      lines.withLock { lines in
        let id = request.query["customerId"] ?? request.body["customerId"]?.stringValue ?? ""
        if request.path.hasSuffix("/suspend") {
          lines.suspendTimes.append(clock.now.offset)
          if lines.storm { return (429, ["message": "too many requests"]) }
          lines.status[id] = 3
          return (200, ["customerId": .string(id)])
        }
        return (200, ["customerId": .string(id), "status": .int(lines.status[id] ?? 0)])
      }
    }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reach-storm-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let csv = folder.appendingPathComponent("c.csv").path
    try "customerId\nC-1\nC-2\nC-3\n".write(toFile: csv, atomically: true, encoding: .utf8)
    let journal = try RunJournal(path: folder.appendingPathComponent("journal.sqlite").path)
    try await platform.serve(clock: clock) { plain in
      // The run's client: one limiter for every worker, as `reach run` makes it.
      let client = ReachClient(
        target: plain.target, clock: clock, rateLimiter: RateLimiter(adaptiveUpTo: .infinity, clock: clock))
      var runner = PlaybookRunner(caller: client, clock: clock)
      let link = try JournalLink.start(
        journal: journal, playbookPath: Self.bulkSuspend, playbookText: "", target: "fake", inputs: [:], user: "ops")
      runner.journal = link
      runner.concurrency = 1
      // One row at a time (without it the next row readies its call meanwhile): the 429s below are
      // one request's.
      runner.rowsInFlight = 1
      let first = await runner.run(file: Self.bulkSuspend, inputs: ["customers": .string(csv)])
      guard case .aborted(let message) = first.outcome else {
        Issue.record("expected the run to abort, got \(first.outcome)")
        return
      }
      #expect(first.outcome.exitCode == 3)
      #expect(message.contains("alert operations"), "\(message)")
      // One suspend and its retries: 1, 2, 4 and 8 seconds apart (2.4), the fifth 429 the last.
      let times = lines.withLock { $0.suspendTimes }
      let gaps = zip(times.dropFirst(), times).map { $0 - $1 }
      #expect(gaps == [.seconds(1), .seconds(2), .seconds(4), .seconds(8)], "\(gaps)")
      #expect(try journal.run(link.runId).outcome == .interrupted)
      #expect(try journal.rows(runId: link.runId).isEmpty)
      #expect(try journal.effects(runId: link.runId).map(\.state) == [.rejected])

      // The storm passes; the run resumes and finishes every row, each suspended once.
      lines.withLock { $0.storm = false }
      _ = try journal.reopenRun(link.runId)
      runner.journal = try JournalLink(resuming: link.runId, in: journal)
      let second = await runner.run(file: Self.bulkSuspend, inputs: ["customers": .string(csv)])
      #expect(second.outcome == .passed, "\(second.outcome)")
      #expect(try journal.rows(runId: link.runId).map(\.outcome) == [.passed, .passed, .passed])
      #expect(lines.withLock { $0.status } == ["C-1": 3, "C-2": 3, "C-3": 3])
      #expect(lines.withLock { $0.suspendTimes.count } == 5 + 3)
    }
  }
}
