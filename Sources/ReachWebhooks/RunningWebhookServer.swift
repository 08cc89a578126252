public import Foundation
import Hummingbird
import Logging
public import ReachServing

/// A receiver started in this process (port 0 picks a free one), for `reach run`'s embedded
/// set-up and for tests and checks that need a real one: its URL, its store, and `stop()`.
///
/// Over HTTPS with a throwaway certificate, in one call:
///
/// ```swift
/// let receiver = try await RunningWebhookServer.startHTTPS(store: try WebhookStore(path: path))
/// // receiver.url is https://127.0.0.1:PORT; trust receiver.tls!.certificatePEM, or post with
/// // HTTPClient(configuration: .init(tlsConfiguration: receiver.tls!.trustingClientConfiguration))
/// ```
public final class RunningWebhookServer: Sendable {
  /// `http://127.0.0.1:PORT`: the base URL the platform (or the sandbox) posts to.
  public let url: String
  public let port: Int
  public let store: WebhookStore
  /// The certificate and key it serves HTTPS with; nil for plain HTTP.
  public let tls: WebhookTLS?
  private let server: InProcessServer

  private init(url: String, port: Int, store: WebhookStore, tls: WebhookTLS?, server: InProcessServer) {
    self.url = url
    self.port = port
    self.store = store
    self.tls = tls
    self.server = server
  }

  /// A receiver over HTTPS with a throwaway self-signed certificate for 127.0.0.1, localhost
  /// and ::1 (see `WebhookTLS.selfSigned`): `url` is `https://127.0.0.1:PORT`, and `tls` holds
  /// the certificate to trust.
  public static func startHTTPS(
    store: WebhookStore, port: Int = 0, allowFrom: [CIDR] = [], now: @escaping @Sendable () -> Date = { Date() }
  ) async throws -> RunningWebhookServer {
    try await start(store: store, port: port, tls: try WebhookTLS.selfSigned(), allowFrom: allowFrom, now: now)
  }

  /// Starts a receiver over `store` on `host:port` and returns once it listens.
  public static func start(
    store: WebhookStore, host: String = "127.0.0.1", port: Int = 0, tls: WebhookTLS? = nil, allowFrom: [CIDR] = [],
    now: @escaping @Sendable () -> Date = { Date() }, limits: ConnectionLimits = ConnectionLimits()
  ) async throws -> RunningWebhookServer {
    let receiver = WebhookReceiver(store: store, allowFrom: allowFrom, now: now)
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let application = try WebhookServer.application(
      receiver: receiver, host: host, port: port, tls: tls, logger: quietLogger, limits: limits
    ) { bound in continuation.yield(bound) }
    // In-process: stopped by `stop()`; the command that runs it handles signals.
    let server = InProcessServer(application, logger: quietLogger) { continuation.finish() }
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
    return RunningWebhookServer(
      url: "\(tls == nil ? "http" : "https")://\(shownHost):\(bound)", port: bound, store: store, tls: tls,
      server: server)
  }

  /// Quiet: the caller's console is the user's.
  static var quietLogger: Logger {
    var logger = Logger(label: "reach.webhooks")
    logger.logLevel = .critical
    return logger
  }

  /// Stops the server and waits for it.
  public func stop() async {
    await server.stop()
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
