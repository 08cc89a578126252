import Foundation
import ReachCatalogue
import RunJournal
import Testing

@testable import ReachCommands

@Suite struct RunsReportTests {
  func journal() throws -> RunJournal {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("reach-runs-\(UUID().uuidString)/j.sqlite")
      .path
    return try RunJournal(path: path, now: { Date(timeIntervalSince1970: 1_795_000_000) })
  }

  @Test func listShowsNewestFirstAndShowSummarisesRowsAndEffects() throws {
    let journal = try journal()
    let run = try journal.startRun(
      id: "r1", playbookPath: "Playbooks/ops/bulk-suspend.yaml", playbookHash: "abcdef0123456789", target: "sandbox",
      inputs: ["customers": "c.csv"], user: "ops")
    try journal.recordRow(runId: run.id, line: 2, key: "C1", outcome: .passed)
    try journal.recordRow(runId: run.id, line: 3, key: "C2", outcome: .skipped, reason: "not ACTIVE")
    let effect = try journal.recordIntent(
      runId: run.id, line: 2, step: "suspend", endpointId: "subscriber.suspend", customerId: "C1", request: [:])
    try journal.update(effect: effect, to: .confirmed, httpStatus: 200)
    try journal.finishRun(run.id, outcome: .interrupted)
    let list = RunsReport.listText(try journal.runs())
    #expect(list.hasPrefix("RUN  STARTED"))
    #expect(list.contains("r1   2026-11-18T"))
    #expect(list.contains("interrupted  sandbox  Playbooks/ops/bulk-suspend.yaml"))
    let detail = RunsReport.detailText(
      try journal.run("r1"), steps: [], rows: try journal.rows(runId: "r1"), effects: try journal.effects(runId: "r1"))
    #expect(detail.contains("rows: 1 passed, 1 skipped of 2"))
    #expect(detail.contains("effects: 1 confirmed"))
    #expect(detail.contains("resume with: reach run Playbooks/ops/bulk-suspend.yaml --resume r1"))
    let json = RunsReport.detailJSON(
      try journal.run("r1"), steps: [], rows: try journal.rows(runId: "r1"), effects: try journal.effects(runId: "r1"))
    #expect(json["rows"] == ["passed": 1, "skipped": 1])
    #expect(json["inputs"] == ["customers": "c.csv"])
    #expect(RunsReport.listText([]) == "no runs in the journal yet\n")
  }
}
