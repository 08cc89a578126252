public import Hummingbird
import HummingbirdTLS
public import Logging
import ReachClient
public import ReachServing

/// The receiver as a running HTTP or HTTPS server.
public enum WebhookServer {
  /// An application serving `receiver` on `host:port` (port 0 picks a free one), over HTTPS when
  /// `tls` is given; `onRunning` gets the bound port. `limits` close idle and slow connections
  /// and cap how many are open (`ConnectionLimits`: 4 s idle, 4 s for a body, 512 connections by
  /// default), so senders are answered within the platform's 10 s under a slowloris load.
  public static func application(
    receiver: WebhookReceiver, host: String, port: Int, tls: WebhookTLS? = nil,
    logger: Logger = Logger(label: "reach.webhooks"), limits: ConnectionLimits = ConnectionLimits(),
    onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
  ) throws -> some ApplicationProtocol {
    Application(
      router: receiver.router(),
      server: try tls.map { try .tls(limits.http1, tlsConfiguration: $0.serverConfiguration) } ?? limits.http1,
      configuration: limits.applied(to: .init(address: .hostname(host, port: port), serverName: "reach-webhooks")),
      onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
      logger: logger)
  }
}
