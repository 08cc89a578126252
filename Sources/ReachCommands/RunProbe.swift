import Foundation
import Logging
import Playbook
import PlaybookRunner
import ReachCatalogue
import ReachClient
import ReachSandbox
import ReachWebhooks
import Synchronization

/// The go-live checks' view of the outside for one `reach run`: posts to webhook endpoints, a
/// receiver of reach's own over HTTPS for `webhook: embedded`, a second embedded sandbox limited
/// to a few requests per second, and where the run's credentials come from.
final class RunProbe: GoLiveProbe {
  let credentialSources: [String]
  /// A certificate to trust besides the system's roots (a rehearsal receiver's throwaway one).
  let trusted: WebhookTLS?
  private let receiver = Mutex<Task<(server: RunningWebhookServer, folder: URL)?, Never>?>(nil)

  /// What the rate-limit check's calls go through.
  let transport: any HTTPTransport

  init(
    credentialSources: [String], trusting trusted: WebhookTLS? = nil,
    transport: any HTTPTransport = AsyncHTTPTransport.shared
  ) {
    self.credentialSources = credentialSources
    self.trusted = trusted
    self.transport = transport
  }

  /// Starts the receiver on first use: HTTPS on 127.0.0.1, port 0, a throwaway certificate, a
  /// temporary store.
  private func started() async -> (server: RunningWebhookServer, folder: URL)? {
    let task = receiver.withLock { task in
      if let task { return task }
      let created = Task { () -> (server: RunningWebhookServer, folder: URL)? in
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reach-check-\(UUID().uuidString)")
        do {
          try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
          let store = try WebhookStore(path: folder.appendingPathComponent("webhooks.sqlite").path)
          return (try await RunningWebhookServer.startHTTPS(store: store), folder)
        } catch {
          try? FileManager.default.removeItem(at: folder)
          return nil
        }
      }
      task = created
      return created
    }
    return await task.value
  }

  func embeddedReceiver(_ endpoint: WebhookEndpoint) async -> String? {
    guard let server = await started()?.server else { return nil }
    return server.url + (endpoint == .callback ? WebhookKind.callback.path : WebhookKind.notification.path)
  }

  /// The embedded receiver's store, once started: what it kept of the check's posts.
  var receiverStore: WebhookStore? {
    get async {
      guard let task = receiver.withLock({ $0 }) else { return nil }
      return await task.value?.server.store
    }
  }

  func post(_ url: String, body: JSONValue, timeout: Duration) async -> WebhookPostResult {
    var trust = trusted
    if let task = receiver.withLock({ $0 }), let server = await task.value?.server, url.hasPrefix(server.url + "/") {
      trust = server.tls
    }
    // One second beyond the limit, so that a slow answer is measured rather than cut off.
    let answer = await WebhookPoster(trusting: trust).post(
      url, json: body.jsonBytes(), timeout: timeout + .seconds(1))
    return WebhookPostResult(status: answer.status, elapsed: answer.elapsed, error: answer.error)
  }

  /// `calls` calls of `product.plans`, one after another, against a sandbox started for this
  /// check with `--rate-limit perSecond/s`; the waits are read off its virtual clock.
  func rateLimited(perSecond: Int, calls: Int) async -> RateLimitResult {
    let sandbox: EmbeddedSandbox
    do {
      sandbox = try await EmbeddedSandbox.start(options: SandboxOptions(rateLimit: perSecond))
    } catch {
      return RateLimitResult(calls: [RateLimitResult.Call(status: nil, waits: [], error: "\(error)")])
    }
    // Quiet: the check reports the waits it observed; the console is the run's.
    var logger = Logger(label: "reach.check.rate-limit")
    logger.logLevel = .critical
    let client = ReachClient(target: sandbox.target, transport: transport, clock: sandbox.clock, logger: logger)
    var results: [RateLimitResult.Call] = []
    for _ in 0..<calls {
      let before = sandbox.clock.sleeps.count
      do {
        let response = try await client.send("product.plans", [:])
        results.append(RateLimitResult.Call(status: response.status, waits: Array(sandbox.clock.sleeps[before...])))
      } catch {
        results.append(
          RateLimitResult.Call(status: nil, waits: Array(sandbox.clock.sleeps[before...]), error: error.description))
      }
    }
    await sandbox.stop()
    return RateLimitResult(calls: results)
  }

  /// Stops the receiver, if one was started, and removes its store.
  func stop() async {
    guard let task = receiver.withLock({ $0 }), let (server, folder) = await task.value else { return }
    await server.stop()
    try? FileManager.default.removeItem(at: folder)
  }
}
