public import Hummingbird
public import HummingbirdCore
import NIOCore

/// How reach's two HTTP servers, the sandbox and the webhook receiver, guard their connections
/// against clients that hold them without finishing a request (issue 20: idle connections and
/// slowloris):
///
/// - A connection with no request in progress, after it opens or after its last answer, is
///   closed once it has been idle for `idleTimeout` (Hummingbird's idle timeout). A request is in
///   progress only once its whole head has arrived, so this also caps how long a head may take.
/// - Once a head has arrived, the body must be complete within `bodyTimeout`
///   (`RequestBodyTimeoutHandler`): Hummingbird's idle timer starts again on every part read, so
///   a body sent a byte at a time would otherwise hold the connection for as long as it liked.
/// - At most `maxConnections` are open at once; more wait in the listen backlog, in the order
///   they came, until one closes.
///
/// A connection that stalls therefore holds its place at most `idleTimeout + bodyTimeout`
/// (8 s by default), so with every place taken by such connections a sender waiting in the
/// backlog is let in, and answered, within the 10 s the platform gives a webhook to answer
/// (guide 4.2). Answers being worked on are never cut.
public struct ConnectionLimits: Sendable {
  public var idleTimeout: Duration
  public var bodyTimeout: Duration
  public var maxConnections: Int

  public init(idleTimeout: Duration = .seconds(4), bodyTimeout: Duration = .seconds(4), maxConnections: Int = 512) {
    self.idleTimeout = idleTimeout
    self.bodyTimeout = bodyTimeout
    self.maxConnections = maxConnections
  }

  /// For a server whose one client is in the same process, on loopback: the embedded sandbox of
  /// `reach run`. Nobody else can hold it, and the runner's pooled connections may rest longer
  /// than 4 s between calls (a run waiting on a callback); a connection closed by the server just
  /// as the runner sends a state-changing call on it would leave that call's outcome unknown.
  public static let inProcess = ConnectionLimits(idleTimeout: .seconds(600), bodyTimeout: .seconds(600))

  /// Hummingbird's HTTP/1 channel with the two timeouts.
  public var http1: HTTPServerBuilder {
    let body = TimeAmount(bodyTimeout)
    return .http1(
      configuration: HTTP1Channel.Configuration(
        additionalChannelHandlers: [RequestBodyTimeoutHandler(timeout: body)], idleTimeout: TimeAmount(idleTimeout)))
  }

  /// `configuration` with the cap on open connections.
  public func applied(to configuration: ApplicationConfiguration) -> ApplicationConfiguration {
    var configuration = configuration
    configuration.availableConnectionsDelegate = MaximumAvailableConnections(maxConnections)
    return configuration
  }
}
