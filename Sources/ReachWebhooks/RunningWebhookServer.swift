public import Foundation
import Hummingbird
import Logging

/// A receiver started in this process (port 0 picks a free one), for `reach run`'s embedded
/// set-up and for tests and checks that need a real one: its URL, its store, and `stop()`.
public final class RunningWebhookServer: Sendable {
  /// `http://127.0.0.1:PORT`: the base URL the platform (or the sandbox) posts to.
  public let url: String
  public let port: Int
  public let store: WebhookStore
  private let server: Task<Void, any Error>

  private init(url: String, port: Int, store: WebhookStore, server: Task<Void, any Error>) {
    self.url = url
    self.port = port
    self.store = store
    self.server = server
  }

  /// Starts a receiver over `store` on `host:port` and returns once it listens.
  public static func start(
    store: WebhookStore, host: String = "127.0.0.1", port: Int = 0, allowFrom: [CIDR] = [],
    now: @escaping @Sendable () -> Date = { Date() }
  ) async throws -> RunningWebhookServer {
    let receiver = WebhookReceiver(store: store, allowFrom: allowFrom, now: now)
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let server = Task {
      defer { continuation.finish() }
      // Quiet: the caller's console is the user's.
      var logger = Logger(label: "reach.webhooks")
      logger.logLevel = .critical
      try await WebhookServer.application(receiver: receiver, host: host, port: port, logger: logger) { bound in
        continuation.yield(bound)
      }.runService()
    }
    guard let bound = await ports.first(where: { _ in true }) else {
      let reason: String
      do {
        try await server.value
        reason = "it stopped"
      } catch {
        reason = "\(error)"
      }
      throw WebhookServerError.didNotStart(reason)
    }
    let shownHost = host.contains(":") ? "[\(host)]" : host
    return RunningWebhookServer(url: "http://\(shownHost):\(bound)", port: bound, store: store, server: server)
  }

  /// Stops the server and waits for it.
  public func stop() async {
    server.cancel()
    _ = try? await server.value
  }
}

public enum WebhookServerError: Error, Sendable, CustomStringConvertible {
  case didNotStart(String)

  public var description: String {
    switch self {
    case .didNotStart(let reason): return "the webhook receiver did not start: \(reason)"
    }
  }
}
