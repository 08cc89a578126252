import Foundation
import ReachCatalogue
import Testing

/// `setup/generate-access-keys.yaml` keeps the one-time keys where the user says: a new file of
/// mode 0600 (never over an existing one, refused before anything is sent) or a command's stdin;
/// without a destination it generates nothing. (That no other channel shows them is proved with
/// every other secret in `SecretCanaryTests`.)
@Suite(.serialized) struct AccessKeyStoreTests {
  static let playbook = "Playbooks/setup/generate-access-keys.yaml"

  @Test(.enabled(if: ShippedPlaybooksTests.binaryBuilt)) func theKeysGoToANewPrivateFileOnly() async throws {
    let folder = try BulkRunTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let keysFile = folder.appendingPathComponent("keys/reach.json").path
    let first = try await ShippedPlaybooksTests.reach(["run", Self.playbook, "--var", "keysFile=\(keysFile)"])
    #expect(first.status == 0, "\(first.output)\n\(first.errors)")
    #expect(first.output.contains("✔ stored "), "\(first.output)")
    #expect(first.output.contains("stored=file"), "\(first.output)")
    let attributes = try FileManager.default.attributesOfItem(atPath: keysFile)
    #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    let text = try String(contentsOfFile: keysFile, encoding: .utf8)
    let keys = try JSONParser.parse(bytes: Array(text.utf8))
    #expect(keys["accountAccessKeyId"]?.stringValue?.hasPrefix("sbx-access-key-") == true, "\(text)")
    #expect(keys["accountAccessSecreteKey"]?.stringValue?.hasPrefix("sbx-secret-") == true, "\(text)")
    #expect(!first.output.contains("sbx-") && !first.errors.contains("sbx-"))

    // A second run would issue new keys with nowhere to go: refused, nothing sent, the file kept.
    let again = try await ShippedPlaybooksTests.reach(["run", Self.playbook, "--var", "keysFile=\(keysFile)"])
    #expect(again.status == 2, "\(again.output)\n\(again.errors)")
    #expect(
      again.errors.contains(
        "generate-access-keys.yaml:46:16: error: \(keysFile) exists; a 'store' step never writes over a file (what it keeps is shown once): give a new path"
      ), "\(again.errors)")
    #expect(!again.output.contains("target:"), "nothing started")
    #expect(try String(contentsOfFile: keysFile, encoding: .utf8) == text)
  }

  @Test(.enabled(if: ShippedPlaybooksTests.binaryBuilt)) func theKeysGoToACommandsStdin() async throws {
    let folder = try BulkRunTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let received = folder.appendingPathComponent("received.json").path
    let result = try await ShippedPlaybooksTests.reach([
      "run", Self.playbook, "--var", "keysCommand=umask 077 && cat > '\(received)' && echo stored them",
    ])
    #expect(result.status == 0, "\(result.output)\n\(result.errors)")
    #expect(result.output.contains("stored=command"), "\(result.output)")
    let keys = try JSONParser.parse(bytes: Array(try String(contentsOfFile: received, encoding: .utf8).utf8))
    #expect(keys.objectValue?.keys.sorted() == ["accountAccessKeyId", "accountAccessSecreteKey"])
    // What the command says is not shown when it succeeds.
    #expect(!result.output.contains("stored them"))

    // A command that fails: the step fails saying so, masking what the command echoed.
    let keysFile = folder.appendingPathComponent("kept.json").path
    let failing = try await ShippedPlaybooksTests.reach([
      "run", Self.playbook, "--var", "keysFile=\(keysFile)", "--var", "keysCommand=cat; exit 3",
    ])
    #expect(failing.status == 1, "\(failing.output)\n\(failing.errors)")
    #expect(
      failing.output.contains(
        "accountAccessKeyId, accountAccessSecreteKey stored to file only: the command exited with status 3: {"),
      "\(failing.output)")
    #expect(!failing.output.contains("sbx-"), "\(failing.output)")
    #expect(FileManager.default.fileExists(atPath: keysFile))
  }

  @Test(.enabled(if: ShippedPlaybooksTests.binaryBuilt)) func withoutADestinationNoKeysAreGenerated() async throws {
    let result = try await ShippedPlaybooksTests.reach(["run", Self.playbook])
    #expect(result.status == 1)
    #expect(
      result.output.contains(
        "the access keys are generated once: give --var keysFile=PATH (a new file, mode 0600), --var keysCommand='CMD' (reads them on stdin) or --var showKeys=true (on a terminal)"
      ), "\(result.output)")
    #expect(!result.output.contains("✔ keys"), "\(result.output)")
    // Off a terminal, show alone shows nothing: the step fails, and says why.
    let shown = try await ShippedPlaybooksTests.reach(["run", Self.playbook, "--var", "showKeys=true"])
    #expect(shown.status == 1)
    #expect(shown.output.contains("kept nowhere: not shown: stdout is not a terminal"), "\(shown.output)")
    #expect(!shown.output.contains("sbx-"))
  }

  @Test(.enabled(if: ShippedPlaybooksTests.binaryBuilt)) func theSignOffGeneratesKeysOnlyWhenAsked() async throws {
    let signoff = "Playbooks/signoff/staging-signoff.yaml"
    let plain = try await ShippedPlaybooksTests.reach(["run", signoff, "--dry-run"])
    #expect(plain.status == 0, "\(plain.errors)")
    #expect(plain.output.contains("keys: skipped, ${{ inputs.generateKeys }} does not hold"), "\(plain.output)")
    let asked = try await ShippedPlaybooksTests.reach([
      "run", signoff, "--dry-run", "--var", "generateKeys=true", "--var", "keysFile=keys.json",
    ])
    #expect(asked.status == 0, "\(asked.errors)")
    #expect(asked.output.contains("account.generateAccessKey"), "\(asked.output)")
    #expect(
      asked.output.contains("store accountAccessKeyId, accountAccessSecreteKey to file keys.json"), "\(asked.output)")
  }
}
