import Foundation
import ReachCatalogue
import RunJournal
import Testing

/// Issue #18: `reach run --resume <run id>` alone takes the playbook and the non-secret inputs
/// from the journal, secrets from `REACH_VAR_<name>` (or asked for on a terminal), and refuses a
/// playbook that changed, an input given again with another value, and a run it does not have.
@Suite struct ResumeByIdTests {
  static let playbook = """
    name: Resume by id
    inputs:
      who: { type: string, default: nobody }
      password: { type: string, required: true }
    steps:
      - log: "hello ${{ inputs.who }}"

    """

  /// A run of a copy of `playbook` with `--var who=ops` and a secret: its folder, file, journal
  /// and run id.
  static func firstRun(pin: String) async throws -> (folder: URL, file: String, journal: String, id: String) {
    let folder = try BulkRunTests.temporaryFolder()
    let file = folder.appendingPathComponent("hello.yaml").path
    try playbook.write(toFile: file, atomically: true, encoding: .utf8)
    let journal = folder.appendingPathComponent("journal.sqlite").path
    let first = try await ShippedPlaybooksTests.reach([
      "run", file, "--var", "who=ops", "--var", "password=\(pin)", "--journal", journal,
    ])
    #expect(first.status == 0, "\(first.output)\(first.errors)")
    let id = try #require(try RunJournal(path: journal).runs().first?.id)
    return (folder, file, journal, id)
  }

  @Test(.enabled(if: ShippedPlaybooksTests.binaryBuilt)) func theIdAloneResumesWithTheJournaledInputs() async throws {
    let pin = "pin-\(UUID().uuidString.prefix(8))"
    let run = try await Self.firstRun(pin: pin)
    defer { try? FileManager.default.removeItem(at: run.folder) }
    // The secret from the environment; everything else from the journal.
    let resumed = try await ShippedPlaybooksTests.reach(
      ["run", "--resume", run.id, "--journal", run.journal], environment: ["REACH_VAR_password": pin])
    #expect(resumed.status == 0, "\(resumed.output)\(resumed.errors)")
    #expect(resumed.output.contains("run \(run.id) resumed"), "\(resumed.output)")
    #expect(resumed.output.contains("hello ops"), "\(resumed.output)")
    #expect(!resumed.output.contains(pin) && !resumed.errors.contains(pin))
    // The playbook and the same inputs given again: still a resume.
    let again = try await ShippedPlaybooksTests.reach([
      "run", run.file, "--var", "who=ops", "--var", "password=\(pin)", "--journal", run.journal, "--resume", run.id,
    ])
    #expect(again.status == 0, "\(again.output)\(again.errors)")
    #expect(try RunJournal(path: run.journal).runs().count == 1)
  }

  /// A run started in its folder with a relative playbook path and a target of that folder's
  /// reach.yaml resumes from another directory: the journal holds the playbook's absolute path
  /// and the directory whose reach.yaml names the target. A secret of that target whose variable
  /// is unset is named with the target, not taken for a --target URL's.
  @Test(.enabled(if: ShippedPlaybooksTests.binaryBuilt)) func theIdAloneResumesFromAnotherDirectory() async throws {
    let folder = try BulkRunTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Self.playbook.write(to: folder.appendingPathComponent("hello.yaml"), atomically: true, encoding: .utf8)
    try """
    targets:
      staging:
        url: https://staging.example.invalid
        jwt: { env: RESUME_TEST_JWT }
        apiKey: { env: RESUME_TEST_KEY }
    """.write(to: folder.appendingPathComponent("reach.yaml"), atomically: true, encoding: .utf8)
    let journal = folder.appendingPathComponent("journal.sqlite").path
    let pin = "pin-\(UUID().uuidString.prefix(8))"
    let secrets = [
      "RESUME_TEST_JWT": "jwt-\(UUID().uuidString)", "RESUME_TEST_KEY": "key-\(UUID().uuidString)",
      "REACH_VAR_password": pin,
    ]
    let first = try await ShippedPlaybooksTests.reach(
      [
        "run", "hello.yaml", "--target", "staging", "--var", "who=ops", "--var", "password=\(pin)", "--journal",
        journal,
      ],
      environment: secrets,
      in: folder)
    #expect(first.status == 0, "\(first.output)\(first.errors)")
    let record = try #require(try RunJournal(path: journal).runs().first)
    #expect(record.playbookPath == folder.appendingPathComponent("hello.yaml").standardized.path)
    #expect(record.directory.map { URL(fileURLWithPath: $0).standardized.path } == folder.standardized.path)
    let resumed = try await ShippedPlaybooksTests.reach(
      ["run", "--resume", record.id, "--journal", journal], environment: secrets)
    #expect(resumed.status == 0, "\(resumed.output)\(resumed.errors)")
    #expect(resumed.output.contains("run \(record.id) resumed"), "\(resumed.output)")
    #expect(resumed.output.contains("hello ops"), "\(resumed.output)")
    var unset = secrets
    unset["RESUME_TEST_JWT"] = ""
    let refused = try await ShippedPlaybooksTests.reach(
      ["run", "--resume", record.id, "--journal", journal], environment: unset)
    #expect(refused.status == 2, "\(refused.output)\(refused.errors)")
    #expect(
      refused.errors.contains(
        "target 'staging' takes its jwt from the environment variable RESUME_TEST_JWT, which is not set"),
      "\(refused.errors)")
    #expect(!refused.errors.contains("--target <url>"))
  }

  @Test(.enabled(if: ShippedPlaybooksTests.binaryBuilt)) func whatDoesNotMatchTheRunIsRefusedBeforeItStarts()
    async throws
  {
    let pin = "pin-\(UUID().uuidString.prefix(8))"
    let run = try await Self.firstRun(pin: pin)
    defer { try? FileManager.default.removeItem(at: run.folder) }
    func refused(_ arguments: [String], _ environment: [String: String] = [:], saying message: String) async throws {
      let result = try await ShippedPlaybooksTests.reach(["run"] + arguments, environment: environment)
      #expect(result.status == 2, "\(arguments): \(result.output)\(result.errors)")
      #expect(result.errors.contains(message), "\(arguments): \(result.errors)")
      #expect(!result.output.contains("target:"), "\(arguments): nothing starts")
    }
    let secret = ["REACH_VAR_password": pin]
    // The secret is not in the journal, nor in the environment, and nobody at a terminal to ask.
    try await refused(
      ["--resume", run.id, "--journal", run.journal],
      saying: "run \(run.id) was started with the secret input 'password', which the journal keeps masked, "
        + "never in the clear: give it again (--var password=…), or set REACH_VAR_password")
    try await refused(
      ["--resume", run.id, "--journal", run.journal, "--var", "who=someone"], secret,
      saying: "run \(run.id) was started with --var who=ops, and the resume gives another value")
    try await refused(
      ["--resume", run.id, "--journal", run.journal, "--var", "extra=1"], secret,
      saying: "run \(run.id) was started without --var extra")
    try await refused(
      ["--resume", "no-such-run", "--journal", run.journal], secret,
      saying: "the journal \(run.journal) has no run no-such-run")
    // The file changed since the run: refused, alone or with the playbook given.
    try (Self.playbook + "# changed\n").write(toFile: run.file, atomically: true, encoding: .utf8)
    try await refused(
      ["--resume", run.id, "--journal", run.journal], secret,
      saying: "run \(run.id) ran another version of \(run.file)")
    try await refused(
      [run.file, "--resume", run.id, "--journal", run.journal], secret,
      saying: "run \(run.id) ran another version of \(run.file)")
    try FileManager.default.removeItem(atPath: run.file)
    try await refused(
      ["--resume", run.id, "--journal", run.journal], secret,
      saying: "run \(run.id) ran \(run.file), which is not there")
    let neither = try await ShippedPlaybooksTests.reach(["run", "--journal", run.journal])
    #expect(neither.status != 0)
    #expect(neither.errors.contains("give the playbook to run, or --resume <run id> to continue a run"))
  }
}
