import Foundation
import Hummingbird
import Logging
import Playbook
import PlaybookRunner
import ReachCatalogue
import RunJournal
import Synchronization
import Testing

/// The blast-radius guard: a state-changing bulk run against a target that is not a sandbox says
/// what it will do and sends nothing until the row count is confirmed; the sandbox needs no
/// confirmation; --max-rows refuses a larger input anywhere.
@Suite(.serialized) struct BlastRadiusTests {
  static let bulkSuspend = BulkRunTests.bulkSuspend

  /// A CSV of `n` well-formed rows in a fresh folder.
  static func csv(rows n: Int) throws -> (folder: URL, path: String) {
    let folder = try BulkRunTests.temporaryFolder()
    let path = folder.appendingPathComponent("customers.csv").path
    let lines = ["customerId,reason"] + (1...n).map { String(format: "C%09d,", $0) }
    try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    return (folder, path)
  }

  /// A plain HTTP server on loopback port 0 that is no sandbox: it records every request and
  /// answers each with 404, so every row a run that reached it sends is skipped as unknown.
  final class Tripwire: Sendable {
    private let requests = Mutex<[String]>([])
    var received: [String] { requests.withLock { $0 } }

    func run(_ body: @Sendable (String) async throws -> Void) async throws {
      let router = Router()
      for method in [HTTPRequest.Method.get, .post, .put, .delete] {
        router.on("**", method: method) { request, _ -> Response in
          self.requests.withLock { $0.append("\(request.method) \(request.uri)") }
          return Response(status: .notFound)
        }
      }
      try await LoopbackServer.run(router.buildResponder(), label: "tripwire") { port in
        try await body("http://127.0.0.1:\(port)")
      }
    }
  }

  /// Credentials made for this test only.
  static let environment = [
    "REACH_JWT": "canary-jwt-" + UUID().uuidString, "REACH_API_KEY": "canary-key-" + UUID().uuidString,
  ]

  @Test func measuresTheRowsAndTheStateChangingCallsOfABulkPlaybook() throws {
    let (folder, path) = try Self.csv(rows: 3)
    defer { try? FileManager.default.removeItem(at: folder) }
    let radius = try #require(BlastRadius.of(file: Self.bulkSuspend, inputs: ["customers": .string(path)]))
    #expect(
      radius.loops == [
        BlastRadius.Loop(step: "rows", input: "customers", path: path, rows: 3, actions: ["subscriber.suspend"])
      ])
    #expect(radius.changesState)
    #expect(radius.changingRows == 3)
    #expect(
      radius.lines(target: "prod (https://example.invalid)") == [
        "this run changes state on prod (https://example.invalid), which is not a sandbox:",
        "  rows: 3 rows of \(path) (input customers), calling subscriber.suspend",
      ])
  }

  @Test func refusesUnlessTheCountIsConfirmedOnATargetThatIsNotASandbox() throws {
    let radius = BlastRadius(loops: [
      BlastRadius.Loop(step: "rows", input: "customers", path: "c.csv", rows: 3, actions: ["subscriber.suspend"]),
      BlastRadius.Loop(step: "look", input: "others", path: "o.csv", rows: 5, actions: []),
    ])
    #expect(throws: BlastRadiusError.unconfirmed(rows: 3)) {
      try radius.check(sandbox: false, yes: false, confirm: nil, maxRows: nil)
    }
    #expect(throws: BlastRadiusError.confirmMismatch(given: 8, counted: 3)) {
      try radius.check(sandbox: false, yes: false, confirm: 8, maxRows: nil)
    }
    #expect(throws: BlastRadiusError.confirmMismatch(given: 2, counted: 3)) {
      try radius.check(sandbox: true, yes: true, confirm: 2, maxRows: nil)
    }
    #expect(throws: BlastRadiusError.overMaxRows(rows: 8, max: 7)) {
      try radius.check(sandbox: true, yes: false, confirm: nil, maxRows: 7)
    }
    try radius.check(sandbox: false, yes: false, confirm: 3, maxRows: 8)
    try radius.check(sandbox: false, yes: true, confirm: nil, maxRows: nil)
    try radius.check(sandbox: true, yes: false, confirm: nil, maxRows: nil)
    // Reading only: no confirmation anywhere.
    try BlastRadius(loops: [radius.loops[1]]).check(sandbox: false, yes: false, confirm: nil, maxRows: nil)
    #expect(
      BlastRadiusError.confirmMismatch(given: 8, counted: 3).description
        == "nothing was sent: --confirm 8 does not match the 3 rows counted in the input; check the file, then give --confirm 3"
    )
  }

  @Test(.enabled(if: ShippedPlaybooksTests.binaryBuilt))
  func sendsNothingToATargetThatIsNotASandboxUntilConfirmed() async throws {
    let (folder, path) = try Self.csv(rows: 3)
    defer { try? FileManager.default.removeItem(at: folder) }
    let journal = folder.appendingPathComponent("journal.sqlite").path
    let tripwire = Tripwire()
    try await tripwire.run { url in
      let base = [
        "run", Self.bulkSuspend, "--var", "customers=\(path)", "--target", url, "--journal", journal,
      ]
      let unconfirmed = try await ShippedPlaybooksTests.reach(base, environment: Self.environment)
      #expect(unconfirmed.status == 2, "\(unconfirmed.output)\(unconfirmed.errors)")
      #expect(unconfirmed.output.contains("this run changes state on \(url) (\(url)), which is not a sandbox:"))
      #expect(unconfirmed.output.contains("rows: 3 rows of \(path) (input customers), calling subscriber.suspend"))
      #expect(unconfirmed.errors.contains("confirm the 3 rows above with --confirm 3 (or --yes)"))

      let mismatched = try await ShippedPlaybooksTests.reach(
        base + ["--confirm", "4"], environment: Self.environment)
      #expect(mismatched.status == 2)
      #expect(mismatched.errors.contains("--confirm 4 does not match the 3 rows counted in the input"))

      let capped = try await ShippedPlaybooksTests.reach(
        base + ["--yes", "--max-rows", "2"], environment: Self.environment)
      #expect(capped.status == 2)
      #expect(capped.errors.contains("the input has 3 rows, over --max-rows 2"))

      let dryRun = try await ShippedPlaybooksTests.reach(base + ["--dry-run"], environment: Self.environment)
      #expect(dryRun.status == 0, "\(dryRun.errors)")
      #expect(tripwire.received.isEmpty, "\(tripwire.received)")

      // Confirmed, the run goes: each row reads its line (and skips it on the 404).
      let confirmed = try await ShippedPlaybooksTests.reach(
        base + ["--confirm", "3"], environment: Self.environment)
      #expect(confirmed.status == 0, "\(confirmed.output)\(confirmed.errors)")
      #expect(tripwire.received.count == 3, "\(tripwire.received)")
      #expect(tripwire.received.allSatisfy { $0.hasPrefix("GET /apisvc/v0/customerinfo") }, "\(tripwire.received)")
    }
  }

  @Test(.enabled(if: ShippedPlaybooksTests.binaryBuilt)) func theEmbeddedSandboxNeedsNoConfirmation() async throws {
    let (folder, path) = try Self.csv(rows: 2)
    defer { try? FileManager.default.removeItem(at: folder) }
    let journal = folder.appendingPathComponent("journal.sqlite").path
    let result = try await ShippedPlaybooksTests.reach([
      "run", Self.bulkSuspend, "--var", "customers=\(path)", "--journal", journal,
    ])
    #expect(result.status == 0, "\(result.output)\(result.errors)")
    #expect(!result.output.contains("not a sandbox"))
    #expect(!result.errors.contains("confirm"))
    // Not on a terminal, the progress is plain lines on stderr: at least the last one.
    let progress = result.errors.split(separator: "\n").filter { $0.hasPrefix("2/2 rows · ") }
    #expect(progress.count == 1, "\(result.errors)")
    // The counts, then the pace (requests/s, rows waiting on the platform, 429s).
    #expect(progress.first?.contains(" · 0 failed · 2 skipped · ") == true, "\(result.errors)")
    #expect(progress.first?.hasSuffix(" waiting · 0 × 429") == true, "\(result.errors)")
    #expect(!result.errors.contains(ProgressTicker.clearLine))
  }

  /// A loop whose steps `use` a file that changes state (here through a second `use`) is a
  /// state-changing loop: the guard looks into the files the loop uses.
  @Test func seesStateChangingCallsInsideTheFilesALoopUses() throws {
    let (folder, path) = try Self.csv(rows: 3)
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("lib"), withIntermediateDirectories: true)
    try """
    name: Suspend one line
    inputs:
      customerId: { type: string, required: true }
    steps:
      - id: one
        use: call.yaml
        with: { customerId: "${{ inputs.customerId }}" }
    """.write(to: folder.appendingPathComponent("lib/suspend-one.yaml"), atomically: true, encoding: .utf8)
    try """
    name: The suspension
    inputs:
      customerId: { type: string, required: true }
    steps:
      - id: suspend
        call: subscriber.suspend
        with: { customerId: "${{ inputs.customerId }}", reasonCode: OPS }
    """.write(to: folder.appendingPathComponent("lib/call.yaml"), atomically: true, encoding: .utf8)
    let bulk = folder.appendingPathComponent("bulk.yaml").path
    try """
    name: Bulk through a library playbook
    inputs:
      customers:
        type: csv
        required: true
        columns: { customerId: required }
    steps:
      - id: rows
        foreach: ${{ inputs.customers }}
        as: row
        steps:
          - id: info
            call: customer.info
            with: { customerId: "${{ row.customerId }}" }
          - id: each
            use: lib/suspend-one.yaml
            with: { customerId: "${{ row.customerId }}" }
    """.write(toFile: bulk, atomically: true, encoding: .utf8)
    #expect(PlaybookValidator().validate(file: bulk).isEmpty, "\(PlaybookValidator().validate(file: bulk))")
    let radius = try #require(BlastRadius.of(file: bulk, inputs: ["customers": .string(path)]))
    #expect(
      radius.loops == [
        BlastRadius.Loop(step: "rows", input: "customers", path: path, rows: 3, actions: ["subscriber.suspend"])
      ])
    #expect(throws: BlastRadiusError.unconfirmed(rows: 3)) {
      try radius.check(sandbox: false, yes: false, confirm: nil, maxRows: nil)
    }
  }

  /// Resuming, the rows the earlier attempts finished are not run again, so they are not
  /// confirmed again: the count is of the rows still to do, and both numbers are printed.
  @Test func aResumedRunConfirmsTheRowsStillToDo() throws {
    let (folder, path) = try Self.csv(rows: 5)
    defer { try? FileManager.default.removeItem(at: folder) }
    // Lines 2 and 3 finished (line 1 is the header).
    let radius = try #require(
      BlastRadius.of(file: Self.bulkSuspend, inputs: ["customers": .string(path)], finished: [2, 3]))
    #expect(radius.changingRows == 3)
    #expect(radius.changingDone == 2)
    #expect(
      radius.lines(target: "prod (https://example.invalid)") == [
        "this run changes state on prod (https://example.invalid), which is not a sandbox:",
        "  rows: 3 rows still to do of the 5 of \(path) (2 done by the run being resumed) (input customers), "
          + "calling subscriber.suspend",
      ])
    #expect(throws: BlastRadiusError.unconfirmed(rows: 3)) {
      try radius.check(sandbox: false, yes: false, confirm: nil, maxRows: nil)
    }
    #expect(throws: BlastRadiusError.confirmMismatch(given: 5, counted: 3, done: 2)) {
      try radius.check(sandbox: false, yes: false, confirm: 5, maxRows: nil)
    }
    #expect(
      BlastRadiusError.confirmMismatch(given: 5, counted: 3, done: 2).description
        == "nothing was sent: --confirm 5 does not match the 3 rows still to do (2 of the input's 5 are done by "
        + "the run being resumed); give --confirm 3")
    try radius.check(sandbox: false, yes: false, confirm: 3, maxRows: 3)
  }

  @Test(.enabled(if: ShippedPlaybooksTests.binaryBuilt))
  func aResumeAgainstATargetThatIsNotASandboxAsksForTheRowsLeft() async throws {
    let (folder, path) = try Self.csv(rows: 3)
    defer { try? FileManager.default.removeItem(at: folder) }
    let journalPath = folder.appendingPathComponent("journal.sqlite").path
    let tripwire = Tripwire()
    try await tripwire.run { url in
      // An interrupted run of this playbook against this target that finished line 2.
      let journal = try RunJournal(path: journalPath)
      let text = try String(contentsOfFile: Self.bulkSuspend, encoding: .utf8)
      let run = try journal.startRun(
        playbookPath: Self.bulkSuspend, playbookHash: JournalLink.hash(text), target: url,
        inputs: ["customers": .string(path)], user: "ops")
      try journal.recordRow(runId: run.id, line: 2, key: "C000000001", outcome: .skipped, reason: "404")
      try journal.finishRun(run.id, outcome: .interrupted)
      let base = [
        "run", Self.bulkSuspend, "--var", "customers=\(path)", "--target", url, "--journal", journalPath,
        "--resume", run.id,
      ]
      let unconfirmed = try await ShippedPlaybooksTests.reach(base, environment: Self.environment)
      #expect(unconfirmed.status == 2, "\(unconfirmed.output)\(unconfirmed.errors)")
      #expect(
        unconfirmed.output.contains(
          "rows: 2 rows still to do of the 3 of \(path) (1 done by the run being resumed) (input customers)"),
        "\(unconfirmed.output)")
      #expect(unconfirmed.output.contains("a URL given as --target is never taken for a sandbox"))
      #expect(unconfirmed.output.contains("name it in reach.yaml with `sandbox: true`"))
      #expect(unconfirmed.errors.contains("confirm the 2 rows above with --confirm 2"), "\(unconfirmed.errors)")
      let stale = try await ShippedPlaybooksTests.reach(base + ["--confirm", "3"], environment: Self.environment)
      #expect(stale.status == 2)
      #expect(stale.errors.contains("--confirm 3 does not match the 2 rows still to do"), "\(stale.errors)")
      #expect(tripwire.received.isEmpty, "\(tripwire.received)")
      // Confirmed, only the two rows left are run.
      let confirmed = try await ShippedPlaybooksTests.reach(
        base + ["--confirm", "2"], environment: Self.environment)
      #expect(confirmed.status == 0, "\(confirmed.output)\(confirmed.errors)")
      #expect(tripwire.received.count == 2, "\(tripwire.received)")
    }
  }
}
