public import Hummingbird
import HummingbirdTLS
public import Logging

/// The receiver as a running HTTP or HTTPS server.
public enum WebhookServer {
  /// An application serving `receiver` on `host:port` (port 0 picks a free one), over HTTPS when
  /// `tls` is given; `onRunning` gets the bound port.
  public static func application(
    receiver: WebhookReceiver, host: String, port: Int, tls: WebhookTLS? = nil,
    logger: Logger = Logger(label: "reach.webhooks"), onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
  ) throws -> some ApplicationProtocol {
    Application(
      router: receiver.router(),
      server: try tls.map { try .tls(.http1(), tlsConfiguration: $0.serverConfiguration) } ?? .http1(),
      configuration: .init(address: .hostname(host, port: port), serverName: "reach-webhooks"),
      onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
      logger: logger)
  }

  /// Whether `host` is a loopback address, where plain HTTP is allowed without forcing it.
  public static func isLoopback(_ host: String) -> Bool {
    host == "localhost" || host == "::1" || host.hasPrefix("127.")
  }
}
