import Foundation
import Playbook
import PlaybookRunner
import ReachCatalogue
import Testing

/// What a run leaves behind says what happened: `reach runs show` lists its steps, the playbook's
/// SHA-256 and who ran it; JUnit times are wall time; a csv report is refused where it would be empty.
@Suite struct RunHistoryTests {
  static let playbook = """
    name: History
    steps:
      - id: zip
        call: zip.validate
        with: { zip: "10001" }
        extract: { city: "${{ response.city }}" }
      - if: "${{ false }}"
        log: never

    """

  @Test(.enabled(if: ShippedPlaybooksTests.binaryBuilt))
  func runsShowListsTheStepsOfAFinishedRun() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("history-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("history.yaml")
    try Self.playbook.write(to: file, atomically: true, encoding: .utf8)
    let journal = directory.appendingPathComponent("journal.sqlite").path
    let xml = directory.appendingPathComponent("r.xml").path
    let run = try await ShippedPlaybooksTests.reach([
      "run", file.path, "--journal", journal, "--report", "junit=\(xml)",
    ])
    #expect(run.status == 0, "\(run.output)\(run.errors)")
    let id = try #require(run.output.split(separator: "\n").first { $0.hasPrefix("run r") }?.split(separator: " ")[1])
    let show = try await ShippedPlaybooksTests.reach(["runs", "show", String(id), "--journal", journal])
    #expect(show.status == 0, "\(show.errors)")
    let sha = PlaybookDigest.sha256(Array(Self.playbook.utf8))
    #expect(show.output.contains("(sha256 \(sha.prefix(12)))"), "\(show.output)")
    #expect(!show.output.contains("by        unknown") && show.output.contains("@"), "\(show.output)")
    #expect(show.output.contains("steps:\n  passed   zip ("), "\(show.output)")
    #expect(show.output.contains("skipped  log at line 7 (0 ms): if ${{ false }} did not hold"), "\(show.output)")
    let junit = try String(contentsOfFile: xml, encoding: .utf8)
    #expect(junit.contains(#"<property name="runClockSeconds""#), "\(junit)")
  }

  /// A run refused before anything was sent (an input that cannot be read) is journaled as
  /// `invalid`, not `failed`: there was nothing to fail and nothing to resume.
  @Test(.enabled(if: ShippedPlaybooksTests.binaryBuilt))
  func aRunRefusedBeforeSendingIsJournaledInvalid() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("history-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("rows.yaml")
    try """
    name: Rows
    inputs:
      customers: { type: csv, columns: { customerId: required } }
    steps:
      - foreach: "${{ inputs.customers }}"
        as: row
        steps:
          - call: customer.info
            with: { customerId: "${{ row.customerId }}" }

    """.write(to: file, atomically: true, encoding: .utf8)
    let csv = directory.appendingPathComponent("bad.csv")
    try "customerId\nC-1\n\"C-2\n".write(to: csv, atomically: true, encoding: .utf8)
    let journal = directory.appendingPathComponent("journal.sqlite").path
    let run = try await ShippedPlaybooksTests.reach([
      "run", file.path, "--var", "customers=\(csv.path)", "--journal", journal,
    ])
    #expect(run.status == 2, "\(run.output)\(run.errors)")
    #expect(run.output.contains("INVALID: nothing was sent"), "\(run.output)")
    let list = try await ShippedPlaybooksTests.reach(["runs", "list", "--json", "--journal", journal])
    let runs = try JSONParser.parse(list.output)
    #expect(runs.arrayValue?.compactMap { $0["outcome"]?.stringValue } == ["invalid"], "\(list.output)")
  }

  @Test(.enabled(if: ShippedPlaybooksTests.binaryBuilt))
  func aCsvReportOfAPlaybookWithoutBulkRowsIsRefused() async throws {
    let result = try await ShippedPlaybooksTests.reach([
      "run", "Playbooks/scenarios/i-lifecycle.yaml", "--report", "csv=/nonexistent/rows.csv",
    ])
    #expect(result.status == 2)
    #expect(result.errors.contains("--report csv=PATH writes one line per row of a bulk run"), "\(result.errors)")
  }

  /// Given when each event arrived, JUnit gives wall time and keeps the run's clock as a property.
  @Test func junitTimesAreWallTimeWhenKnown() {
    let step = StepReference(scope: [], label: "status", location: SourceLocation(file: "p.yaml", line: 3, column: 5))
    let events: [RunEvent] = [
      .runStarted(playbook: "P", file: "p.yaml"),
      .stepStarted(step),
      .stepFinished(step, .passed, duration: .seconds(240), extracted: [:]),
      .runFinished(.passed, duration: .seconds(240)),
    ]
    let wall: [Duration] = [.zero, .milliseconds(5), .milliseconds(130), .milliseconds(140)]
    let xml = JUnitReport.xml(events, wall: wall)
    #expect(xml.contains(#"time="0.140">"#), "\(xml)")
    #expect(xml.contains(#"<property name="runClockSeconds" value="240.000"/>"#))
    #expect(xml.contains(#"<testcase name="status" classname="p.yaml" time="0.125"/>"#), "\(xml)")
    #expect(JUnitReport.xml(events).contains(#"time="240.000""#))
  }
}
