import Foundation
import Playbook
import PlaybookRunner
import ReachCatalogue
import ReachWebhooks
import RunJournal
import Testing

@testable import ReachCommands

/// Nothing a remote sender writes (a webhook's body, the platform's answers, a CSV's cells, and
/// so what the journal keeps of them) can act on the user's terminal or spreadsheet: the human
/// outputs print its control characters as escapes, the CSV report neutralises formulas.
@Suite(.serialized) struct TerminalInjectionTests {
  /// Set the window title, clear the screen (CSI and the C1 CSI), a carriage return and a line
  /// feed that forge a row, a right-to-left override.
  static let hostile = "\u{1B}]0;owned\u{07}\u{1B}[2J\u{9B}H\r\n9999  FORGED\u{202E}"

  /// A terminal could act on something in `text` other than a newline.
  static func active(_ text: String) -> Bool {
    text.unicodeScalars.contains { TerminalText.needsEscape($0) && $0 != "\n" }
  }

  static func folder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reach-inert-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  @Test func webhooksListPrintsASendersEscapesInert() async throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let db = folder.appendingPathComponent("webhooks.sqlite").path
    let store = try WebhookStore(path: db)
    let body: JSONValue = [
      "type": .string("PORT_OUT" + Self.hostile), "customerId": .string(Self.hostile),
      "transactionId": .string("T1\u{1B}[8m"),
    ]
    _ = try store.insert(WebhookEvent(kind: .notification, body: body, receivedAt: Date()))
    let table = WebhooksCommand.table(try store.events(type: nil, since: nil))
    #expect(!Self.active(table))
    #expect(table.split(separator: "\n").count == 2)
    #expect(table.contains(#"\u001B]0;owned\u0007\u001B[2J\u009BH\r\n9999  FORGED\u202E"#))

    guard ShippedPlaybooksTests.binaryBuilt else { return }
    let listed = try await ShippedPlaybooksTests.reach(["webhooks", "list", "--db", db])
    #expect(listed.status == 0, "\(listed.errors)")
    #expect(!Self.active(listed.output))
    #expect(listed.output.split(separator: "\n").count == 2)
    // The JSON stays JSON, and says what the sender sent.
    let json = try await ShippedPlaybooksTests.reach(["webhooks", "list", "--db", db, "--json"])
    #expect(!Self.active(json.output))
    let events = try JSONDecoder().decode(JSONValue.self, from: Data(json.output.utf8))
    #expect(events.arrayValue?.first?["customerId"] == .string(Self.hostile))
  }

  @Test func runsShowPrintsTheJournalsTextInert() async throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("journal.sqlite").path
    let journal = try RunJournal(path: path)
    let run = try journal.startRun(
      playbookPath: "p.yaml", playbookHash: "abcdef0123456789", target: "sandbox" + Self.hostile,
      inputs: ["customer": .string(Self.hostile)], user: "ops")
    _ = try journal.recordStep(
      runId: run.id, path: "submit", outcome: .failed, startedAt: Date(), durationMs: 5, attempts: 1,
      message: "'activation.submit' answered HTTP 400: " + Self.hostile + "\nrun r2: passed")
    try journal.finishRun(run.id, outcome: .failed, message: Self.hostile)
    let text = RunsReport.detailText(
      try journal.run(run.id), steps: try journal.steps(runId: run.id), rows: [], effects: [], journal: path)
    #expect(!Self.active(text))
    // A message's own lines are indented under it: none passes for a line of the report.
    #expect(!text.split(separator: "\n").contains { $0.hasPrefix("run r2: ") || $0.hasPrefix("9999") }, "\(text)")
    #expect(text.contains(#"\u001B]0;owned\u0007"#))

    guard ShippedPlaybooksTests.binaryBuilt else { return }
    let shown = try await ShippedPlaybooksTests.reach(["runs", "show", run.id, "--journal", path])
    #expect(shown.status == 0, "\(shown.errors)")
    #expect(!Self.active(shown.output))
    #expect(!shown.output.split(separator: "\n").contains { $0.hasPrefix("run r2: ") })
    let listed = try await ShippedPlaybooksTests.reach(["runs", "list", "--journal", path])
    #expect(!Self.active(listed.output))
    #expect(listed.output.split(separator: "\n").count == 2)
  }

  /// The console keeps its own colours and nothing else a value brings.
  @Test func theConsoleReportKeepsItsColoursOnly() {
    var report = ConsoleReport(colour: true)
    let step = StepReference(scope: [], label: "rows", location: SourceLocation(file: "p.yaml", line: 3, column: 5))
    let row = RowResult(line: 2, key: Self.hostile, outcome: .failed, reason: Self.hostile, status: 400, attempts: 1)
    let events: [RunEvent] = [
      .rowFinished(step, row), .logged(step, message: Self.hostile),
      .stepFinished(
        step, .failed(Self.hostile + "\nsecond line"), duration: .zero, extracted: ["id": .string(Self.hostile)]),
    ]
    let lines = events.flatMap { report.lines(for: $0) }.map(TerminalText.styled)
    #expect(lines.count == 4)
    for line in lines {
      // What is left of ESC is reach's colours: ESC [ n m.
      let stripped = line.replacing(/\u{1B}\[[0-9;]*m/, with: "")
      #expect(!Self.active(stripped), "\(line)")
      #expect(!line.contains("\n"))
    }
    #expect(lines[0].hasPrefix("\u{1B}[31m  ✘\u{1B}[0m rows line 2 \\u001B]0;owned"))
  }

  /// `reach run` end to end against the embedded sandbox: rows whose keys are formulas and escape
  /// sequences are skipped (no such customer); the console shows them inert, the CSV report
  /// neutralises the formulas.
  @Test(.enabled(if: ShippedPlaybooksTests.binaryBuilt)) func aBulkRunsConsoleAndCSVReportAreInert() async throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let input = folder.appendingPathComponent("customers.csv").path
    try """
    customerId
    "=HYPERLINK(""http://x.example"",""click"")"
    -2+3
    @SUM(A1)
    C2\u{1B}]0;owned\u{07}\u{1B}[2J

    """.write(toFile: input, atomically: true, encoding: .utf8)
    let report = folder.appendingPathComponent("rows.csv").path
    let run = try await ShippedPlaybooksTests.reach([
      "run", "Playbooks/ops/bulk-suspend.yaml", "--var", "customers=\(input)", "--report", "csv=\(report)",
      "--journal", folder.appendingPathComponent("journal.sqlite").path,
    ])
    #expect(run.status == 0, "\(run.output)\(run.errors)")
    #expect(!Self.active(run.output))
    #expect(run.output.contains(#"C2\u001B]0;owned\u0007\u001B[2J: skipped"#), "\(run.output)")
    let lines = try String(contentsOfFile: report, encoding: .utf8).split(separator: "\n").map(String.init)
    #expect(lines.count == 5)
    // Rows end in any order.
    for prefix in [#""'=HYPERLINK(""http://x.example"",""click"")",skipped,"#, "'-2+3,skipped,", "'@SUM(A1),skipped,"] {
      #expect(lines.contains { $0.hasPrefix(prefix) }, "\(lines)")
    }
  }

  @Test func runsCustomersCSVNeutralisesFormulas() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let journal = try RunJournal(path: folder.appendingPathComponent("journal.sqlite").path)
    let run = try journal.startRun(
      playbookPath: "p.yaml", playbookHash: "0", target: "sandbox", inputs: [:], user: "ops")
    try journal.rememberCustomer("=cmd|' /C calc'!A0", clientAccountId: "+acct", runId: run.id)
    let csv = RunsReport.customersCSV(try journal.customers())
    #expect(csv.hasPrefix("customerId,clientAccountId,runId,learnedAt\n'=cmd|' /C calc'!A0,'+acct,\(run.id),"))
  }
}
