public import Hummingbird
public import NIOCore

/// The request context of the receiver: Hummingbird's core plus the peer's address, which
/// `--allow-from` checks.
public struct WebhookContext: RequestContext, RemoteAddressRequestContext {
  public var coreContext: CoreRequestContextStorage
  public let remoteAddress: SocketAddress?

  public init(source: ApplicationRequestContextSource) {
    self.coreContext = .init(source: source)
    self.remoteAddress = source.channel.remoteAddress
  }
}
