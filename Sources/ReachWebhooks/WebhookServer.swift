public import Hummingbird
public import Logging

/// The receiver as a running HTTP server.
public enum WebhookServer {
  /// An application serving `receiver` on `host:port` (port 0 picks a free one); `onRunning`
  /// gets the bound port.
  public static func application(
    receiver: WebhookReceiver, host: String, port: Int, logger: Logger = Logger(label: "reach.webhooks"),
    onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
  ) -> some ApplicationProtocol {
    Application(
      router: receiver.router(),
      configuration: .init(address: .hostname(host, port: port), serverName: "reach-webhooks"),
      onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
      logger: logger)
  }
}
