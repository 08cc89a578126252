import Foundation
import ReachCatalogue
import ReachSandbox
import ReachWebhooks
import RunJournal
import Testing

/// Files that hold secrets or customers' data are the owner's alone (0600), even when they were
/// there before, looser, with their SQLite companions.
@Suite struct PrivateFileTests {
  static func folder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("private-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  static func mode(_ path: String) throws -> Int {
    try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) & 0o777
  }

  /// A file (and its -wal and -shm) left world-readable and writable, as a careless copy leaves it.
  static func loose(_ path: String) throws {
    for file in [path, path + "-wal", path + "-shm"] {
      if !FileManager.default.fileExists(atPath: file) {
        _ = FileManager.default.createFile(atPath: file, contents: nil)
      }
      try FileManager.default.setAttributes([.posixPermissions: 0o666], ofItemAtPath: file)
    }
  }

  @Test func storesTightenLooseFilesAndTheirCompanions() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let journal = folder.appendingPathComponent("journal.sqlite").path
    let webhooks = folder.appendingPathComponent("webhooks.sqlite").path
    let state = folder.appendingPathComponent("state.sqlite").path
    for path in [journal, webhooks, state] { try Self.loose(path) }
    _ = try RunJournal(path: journal)
    _ = try WebhookStore(path: webhooks)
    _ = try SandboxStore(path: state)
    for path in [journal, webhooks, state] {
      for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
        #expect(try Self.mode(file) == 0o600, "\(file)")
      }
    }
  }

  @Test func aNewFileIsPrivateWhateverTheUmask() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("deeper/report.md").path
    let old = umask(0)
    defer { umask(old) }
    try PrivateFile.write(Data("x".utf8), to: path)
    #expect(try Self.mode(path) == 0o600)
    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
    try PrivateFile.write(Data("yz".utf8), to: path)
    #expect(try Self.mode(path) == 0o600)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "yz")
  }

  @Test(.enabled(if: ShippedPlaybooksTests.binaryBuilt))
  func reportsArePrivate() async throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let report = folder.appendingPathComponent("r.html").path
    let result = try await ShippedPlaybooksTests.reach([
      "run", "Playbooks/scenarios/i-lifecycle.yaml", "--journal", folder.appendingPathComponent("j.sqlite").path,
      "--report", "html=\(report)",
    ])
    #expect(result.status == 0, "\(result.output)\(result.errors)")
    #expect(try Self.mode(report) == 0o600)
  }
}
