import Foundation
import ReachClient
import ReachSandbox
import ReachServing
import ReachWebhooks

/// `reach run`'s default set-up: a webhook receiver on 127.0.0.1 port 0 over a SQLite store (a
/// temporary one unless a path is given), and the embedded sandbox posting its callbacks and
/// notifications to it over HTTP, both on one virtual clock. `webhooks` is what `wait_for` reads.
final class EmbeddedSetup: Sendable {
  let sandbox: EmbeddedSandbox
  let receiver: RunningWebhookServer
  let webhooks: ReceiverEvents
  /// The folder of a temporary store, removed by `stop()`.
  private let temporaryFolder: URL?

  private init(sandbox: EmbeddedSandbox, receiver: RunningWebhookServer, temporaryFolder: URL?) {
    self.sandbox = sandbox
    self.receiver = receiver
    self.temporaryFolder = temporaryFolder
    webhooks = ReceiverEvents(store: receiver.store) { await sandbox.deliverDue() }
  }

  /// - Parameter storePath: Where the receiver stores events (`--webhooks-db`); nil for a
  ///   temporary file that `stop()` removes.
  static func start(storePath: String? = nil) async throws -> EmbeddedSetup {
    var folder: URL? = nil
    let path: String
    if let storePath {
      path = storePath
    } else {
      let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("reach-run-\(UUID().uuidString)")
      folder = temporary
      path = temporary.appendingPathComponent("webhooks.sqlite").path
    }
    // Its one sender is the embedded sandbox, in this process.
    let receiver = try await RunningWebhookServer.start(store: try WebhookStore(path: path), limits: .inProcess)
    do {
      // Ids of their own: a store given again (`--webhooks-db`) holds the callbacks of earlier
      // runs, and one with the same transaction id would be taken for a duplicate and dropped.
      let sandbox = try await EmbeddedSandbox.start(
        options: SandboxOptions(idBase: SandboxOptions.freshIDBase()), webhookURL: receiver.url)
      return EmbeddedSetup(sandbox: sandbox, receiver: receiver, temporaryFolder: folder)
    } catch {
      await receiver.stop()
      if let folder { try? FileManager.default.removeItem(at: folder) }
      throw error
    }
  }

  var target: Target { sandbox.target }
  var clock: VirtualClock { sandbox.clock }

  /// Lets the callbacks still on their way arrive (a server stopped mid-request would drop one),
  /// then stops both servers.
  func stop() async {
    await sandbox.deliverDue()
    await sandbox.stop()
    await receiver.stop()
    if let temporaryFolder { try? FileManager.default.removeItem(at: temporaryFolder) }
  }
}
