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
    // The journal holds the playbook, the inputs and the target: the id alone resumes.
    #expect(detail.contains("resume with: reach run --resume r1\n"), "\(detail)")
    let json = RunsReport.detailJSON(
      try journal.run("r1"), steps: [], rows: try journal.rows(runId: "r1"), effects: try journal.effects(runId: "r1"))
    #expect(json["rows"] == ["passed": 1, "skipped": 1])
    #expect(json["inputs"] == ["customers": "c.csv"])
    #expect(RunsReport.listText([]) == "no runs in the journal yet\n")
  }

  /// The resume hint is the id, and the journal when it is not the default; a run with a secret
  /// input says where the resume reads it from (the journal never kept it).
  @Test func theResumeHintIsTheIdAndSaysWhereSecretsComeFrom() throws {
    let journal = try journal()
    let pin = String(Int.random(in: 100_000...999_999))
    let run = try journal.startRun(
      id: "r2", playbookPath: "Playbooks/ops/bulk pins.yaml", playbookHash: "abcdef0123456789",
      target: "https://staging.example", inputs: ["customers": "my lines.csv", "pin": .string(pin), "limit": 5],
      user: "ops")
    try journal.finishRun(run.id, outcome: .interrupted)
    let detail = RunsReport.detailText(
      try journal.run("r2"), steps: [], rows: [], effects: [], journal: "ops/journal.sqlite")
    #expect(detail.contains("resume with: reach run --journal ops/journal.sqlite --resume r2\n"), "\(detail)")
    #expect(
      detail.contains(
        "(the journal keeps no secret input: the resume reads each from --var, REACH_VAR_<name>, or asks for it)"))
    #expect(!detail.contains(pin))
    // The full form, for running the failed rows again, masks a secret input.
    #expect(
      ResumeCommand.text(
        playbook: "p.yaml", vars: ["pin=\(pin)", "customers=c.csv"].map(ResumeCommand.assignment), target: nil,
        journal: RunJournal.defaultPath, options: ["--concurrency", "16"], runId: "r3")
        == "reach run p.yaml --var 'pin=***' --var customers=c.csv --concurrency 16 --resume r3")
  }

  /// `reach runs customers`: the customers that runs learned from completed purchases, as a CSV
  /// whose first column is customerId (a bulk playbook's input as is); `runs show` names the run's.
  @Test func customersLearnedFromPurchasesAreListedForReuse() throws {
    let journal = try journal()
    let run = try journal.startRun(
      id: "r4", playbookPath: "a.yaml", playbookHash: "abcdef0123456789", target: "sandbox", inputs: [:], user: "ops")
    try journal.rememberCustomer("CUST000001", clientAccountId: "acct,1", runId: run.id)
    #expect(
      RunsReport.customersCSV(try journal.customers())
        == "customerId,clientAccountId,runId,learnedAt\nCUST000001,\"acct,1\",r4,2026-11-18T11:06:40Z\n")
    let detail = RunsReport.detailText(
      try journal.run("r4"), steps: [], rows: [], effects: [], customers: try journal.customers(runId: "r4"))
    #expect(detail.contains("customers learned from purchases: CUST000001"))
  }
}
