import Foundation
import ReachCatalogue
import ReachClient
import RunJournal
import Testing

@testable import ReachCommands

/// Issue #18: `reach runs show <id> --watch` follows a run through the journal. The watcher polls
/// on a `VirtualClock` (each look 2 s apart, no wall time), and the "run" is this test writing
/// the journal between looks, as `reach run` would from another process.
@Suite struct RunWatchTests {
  static func journal() throws -> (RunJournal, String, URL) {
    let folder = try BulkRunTests.temporaryFolder()
    let journal = try RunJournal(path: folder.appendingPathComponent("journal.sqlite").path)
    let run = try journal.startRun(
      playbookPath: "bulk.yaml", playbookHash: "h", target: "sandbox", inputs: [:], user: "ops")
    return (journal, run.id, folder)
  }

  @Test(.timeLimit(.minutes(1))) func followsTheRunAtEachLookUntilItEnds() async throws {
    let (journal, id, folder) = try Self.journal()
    defer { try? FileManager.default.removeItem(at: folder) }
    let watcher = RunWatcher(journal: journal, runId: id, total: 10)
    let clock = VirtualClock()
    var shown: [String] = []
    var looks = 0
    let outcome = try await watcher.watch(every: .seconds(2), clock: clock) { line in
      shown.append(line)
      looks += 1
      // The run goes on between looks: four rows, then an open call, then four more and its end.
      do {
        switch looks {
        case 1:
          for line in 1...4 { try journal.recordRow(runId: id, line: line, key: "C-\(line)", outcome: .passed) }
        case 2:
          _ = try journal.recordIntent(
            runId: id, line: 5, step: "suspend", endpointId: "subscriber.suspend", customerId: "C-5", request: [:])
        case 3:
          for line in 5...7 { try journal.recordRow(runId: id, line: line, key: "C-\(line)", outcome: .passed) }
          try journal.recordRow(runId: id, line: 8, key: "C-8", outcome: .failed, reason: "HTTP 500")
          try journal.finishRun(id, outcome: .failed, message: "1 row failed")
        default:
          break
        }
      } catch {
        Issue.record("\(error)")
      }
    }
    #expect(outcome == .failed)
    #expect(
      shown == [
        "+0s running · 0/10 rows · 0 passed · 0 skipped · 0 failed",
        "+2s running · 4/10 rows · 4 passed · 0 skipped · 0 failed · 2.0 rows/s · ETA 3s",
        "+4s running · 4/10 rows · 4 passed · 0 skipped · 0 failed · 1.0 rows/s · ETA 6s · 1 call open",
        "+6s failed · 8/10 rows · 7 passed · 0 skipped · 1 failed · 1 call open",
      ], "\(shown)")
    #expect(clock.now.offset == .seconds(6))
  }

  @Test(.timeLimit(.minutes(1))) func aRunThatStopsChangingIsSaidToMaybeHaveDied() async throws {
    let (journal, id, folder) = try Self.journal()
    defer { try? FileManager.default.removeItem(at: folder) }
    let watcher = RunWatcher(journal: journal, runId: id, total: nil)
    let clock = VirtualClock()
    var shown: [String] = []
    _ = try await watcher.watch(every: .seconds(60), clock: clock) { line in
      shown.append(line)
      // The run ends after the hint.
      if line.contains("no change") { try? journal.finishRun(id, outcome: .interrupted) }
    }
    #expect(shown.count == 3, "\(shown)")
    #expect(shown.first == "+0s running · 0 rows · 0 passed · 0 skipped · 0 failed")
    #expect(
      shown.dropFirst().first
        == "+5m00s no change for 5m00s: if the run was killed, its journal still says running; resume it with reach run --resume \(id)"
    )
    #expect(shown.last?.hasPrefix("+6m00s interrupted · 0 rows") == true, "\(shown)")
  }

  @Test(.enabled(if: ShippedPlaybooksTests.binaryBuilt)) func theCommandShowsTheRunWhenItEndsAndExitsWithIt()
    async throws
  {
    let (journal, id, folder) = try Self.journal()
    defer { try? FileManager.default.removeItem(at: folder) }
    try journal.recordRow(runId: id, line: 2, key: "C-2", outcome: .failed, reason: "HTTP 500")
    try journal.finishRun(id, outcome: .failed, message: "1 row failed")
    let path = folder.appendingPathComponent("journal.sqlite").path
    let result = try await ShippedPlaybooksTests.reach([
      "runs", "show", id, "--watch", "--every", "0.1", "--journal", path,
    ])
    #expect(result.status == 1, "\(result.output)\(result.errors)")
    let lines = result.output.split(separator: "\n")
    #expect(lines.first == "+0s failed · 1 row · 0 passed · 0 skipped · 1 failed", "\(result.output)")
    // Then the run in full, as `runs show` prints it.
    #expect(result.output.contains(id) && lines.count > 2, "\(result.output)")
  }
}
