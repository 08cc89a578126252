import AsyncHTTPClient
import Foundation
public import NIOCore
import NIOHTTP1
import NIOPosix
public import NIOSSL
import ReachCatalogue

/// The transport on AsyncHTTPClient: keep-alive connections pooled per origin, at most
/// ``Configuration/connectionsPerOrigin`` to one origin (more requests wait for one to be free),
/// idle ones closed after ``Configuration/idleTimeout``; HTTPS with full certificate verification;
/// the proxies of ``ProxySettings``; a deadline per request that covers the whole answer, and a cap
/// on its size. A redirect is an answer, never followed (it would carry the credentials elsewhere),
/// and an answer is never decompressed. Plain `http://` goes to loopback only (``OutgoingURL``):
/// anything else is refused before a connection is made.
///
/// Every outgoing request of `reach` goes through it: the client's calls, `reach sandbox trigger`,
/// the sandbox's webhooks, the receiver's `--forward-to` and the go-live checks' posts.
///
/// A failure says whether the request may have been received: not when the connection was never
/// made (refused, no connection in time, a TLS handshake or a proxy that failed); otherwise it
/// may have been, interrupted calls included. A certificate that is refused is ``TransportError/permanent``.
///
/// An owned transport is shut down when done (``shutdown()``, or ``with(_:_:)``); ``shared`` lives
/// as long as the process.
public final class AsyncHTTPTransport: HTTPTransport {
  public struct Configuration: Sendable {
    /// How long a request may take, connecting and the whole answer included.
    public var timeout: TimeAmount = .seconds(30)
    /// How long making a connection may take: the TCP connect, a proxy's tunnel and the TLS
    /// handshake together.
    public var connectTimeout: TimeAmount = .seconds(10)
    public var maxResponseBytes = 16 << 20
    /// Connections open to one origin at most (a bulk run's `--concurrency`).
    public var connectionsPerOrigin = 64
    /// An idle connection is closed after this long, before a server's own keep-alive limit is
    /// likely to close it under a request: below the 4 s of `reach sandbox serve` and the 5 s of
    /// common servers (Node's default), since a server that closes a connection just as a
    /// state-changing call is sent on it leaves that call's outcome unknown. A new connection
    /// after a pause costs one handshake.
    public var idleTimeout: TimeAmount = .seconds(3)
    public var proxies = ProxySettings()
    /// The system's trust roots and full verification unless a test says otherwise.
    public var tls: TLSConfiguration = .makeClientConfiguration()
    /// Host names answered with these addresses instead of DNS (tests reach loopback by name).
    var dnsOverride: [String: String] = [:]
    /// Plain http:// to a host that is not loopback (tests that reach loopback by another name).
    var allowsPlainHTTPOffLoopback = false

    public init(connectionsPerOrigin: Int = 64, proxies: ProxySettings = ProxySettings()) {
      self.connectionsPerOrigin = connectionsPerOrigin
      self.proxies = proxies
    }
  }

  public let configuration: Configuration
  private let direct: HTTPClient
  /// One client per proxy in use: AsyncHTTPClient takes one proxy per client.
  private let proxied: [ProxySettings.Proxy: HTTPClient]
  /// Task executors on the transport's event loops: a request made on one of them prefers a
  /// connection on it, so the request is written, and its answer resumes the caller, on one thread.
  public let taskExecutors: [any TaskExecutor]

  public init(_ configuration: Configuration = Configuration()) {
    self.configuration = configuration
    let group = MultiThreadedEventLoopGroup.singleton
    func client(_ proxy: ProxySettings.Proxy?) -> HTTPClient {
      var settings = HTTPClient.Configuration()
      settings.tlsConfiguration = configuration.tls
      settings.redirectConfiguration = .disallow
      settings.decompression = .disabled
      settings.timeout.connect = configuration.connectTimeout
      settings.connectionPool = .init(
        idleTimeout: configuration.idleTimeout,
        concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, configuration.connectionsPerOrigin))
      // A failed connect fails the requests waiting for it at once: the client's retry rules
      // decide what happens next.
      settings.connectionPool.retryConnectionEstablishment = false
      settings.dnsOverride = configuration.dnsOverride
      // No tracer is ever bootstrapped: without this every request still opens a no-op span.
      settings.tracing.tracer = nil
      if let proxy {
        settings.proxy = .server(
          host: proxy.host, port: proxy.port,
          authorization: proxy.username.map { .basic(username: $0, password: proxy.password ?? "") })
      }
      return HTTPClient(eventLoopGroup: group, configuration: settings)
    }
    direct = client(nil)
    var proxied: [ProxySettings.Proxy: HTTPClient] = [:]
    for proxy in [configuration.proxies.http, configuration.proxies.https].compactMap(\.self)
    where proxied[proxy] == nil {
      proxied[proxy] = client(proxy)
    }
    self.proxied = proxied
    taskExecutors = group.makeIterator().map { EventLoopTaskExecutor($0) }
  }

  /// One transport for the process, with the environment's proxies (none when a proxy variable
  /// cannot be read: the commands build their own transport and report it). Never shut down.
  public static let shared = AsyncHTTPTransport((try? Configuration.fromEnvironment()) ?? Configuration())

  /// Closes every connection; requests still in flight fail.
  public func shutdown() async throws {
    try await direct.shutdown()
    for client in proxied.values { try await client.shutdown() }
  }

  /// Runs `body` with a transport of its own, shut down when `body` returns or throws.
  public static func with<Result>(
    _ configuration: Configuration, isolation: isolated (any Actor)? = #isolation,
    _ body: (AsyncHTTPTransport) async throws -> Result
  ) async throws -> Result {
    let transport = AsyncHTTPTransport(configuration)
    let result: Result
    do {
      result = try await body(transport)
    } catch {
      try? await transport.shutdown()
      throw error
    }
    try await transport.shutdown()
    return result
  }

  public func send(_ request: HTTPRequestData) async throws(TransportError) -> HTTPResponseData {
    let outgoing: HTTPClient.Request
    do {
      var headers = HTTPHeaders()
      headers.reserveCapacity(request.headers.count)
      for (name, value) in request.headers { headers.add(name: name, value: value) }
      outgoing = try HTTPClient.Request(
        url: request.url, method: NIOHTTP1.HTTPMethod(rawValue: request.method.rawValue), headers: headers,
        body: request.body.map { .bytes($0) })
    } catch {
      throw Self.unsendable(request.url)
    }
    // User information in a URL is not a way to pass credentials here, nor to be repeated.
    guard outgoing.url.user == nil else {
      throw TransportError(
        message: "cannot send to a URL with user:password@ in it: the target's jwt and apiKey are the credentials",
        mayHaveBeenReceived: false, permanent: true)
    }
    guard outgoing.scheme == "http" || outgoing.scheme == "https", (1...65535).contains(outgoing.port) else {
      throw Self.unsendable(request.url)
    }
    let origin = HostAndPort(host: outgoing.host, port: outgoing.port)
    if !outgoing.useTLS && !configuration.allowsPlainHTTPOffLoopback && !OutgoingURL.isLoopback(outgoing.host) {
      throw TransportError(message: OutgoingURL.clearText(origin), mayHaveBeenReceived: false, permanent: true)
    }
    let proxy = configuration.proxies.proxy(forHost: outgoing.host, secure: outgoing.useTLS)
    let client = proxy.flatMap { proxied[$0] } ?? direct
    let timeout = request.timeout.map { TimeAmount($0) } ?? configuration.timeout
    // The delegate API's deadline covers the answer's body too (the async API's ends at its head).
    let accumulator = TimedAccumulator(request: outgoing, maxBodySize: configuration.maxResponseBytes)
    let task = client.execute(request: outgoing, delegate: accumulator, deadline: .now() + timeout)
    let response: HTTPClient.Response
    do {
      response = try await withTaskCancellationHandler {
        try await task.futureResult.get()
      } onCancel: {
        task.cancel()
      }
    } catch {
      throw failure(error, origin: origin, proxy: proxy, timeout: timeout)
    }
    return HTTPResponseData(
      status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
      body: response.body.map { Array($0.readableBytesView) } ?? [], reason: response.status.reasonPhrase,
      timings: accumulator.timings)
  }

  private static func unsendable(_ url: String) -> TransportError {
    // A URL that does not parse may still hold credentials: not repeated when it has an '@'.
    let shown = url.contains("@") ? "the URL" : "'\(url)'"
    return TransportError(
      message: "cannot send to \(shown): not an http or https URL with a host and a port from 1 to 65535",
      mayHaveBeenReceived: false, permanent: true)
  }
}

extension AsyncHTTPTransport.Configuration {
  /// The defaults, with the proxies `environment` names (the process's when nil).
  public static func fromEnvironment(_ environment: [String: String]? = nil) throws(ProxySettings.Invalid) -> Self {
    Self(proxies: try ProxySettings.fromEnvironment(environment ?? ProcessInfo.processInfo.environment))
  }

  /// The defaults, with the proxies for `target`: its own (`reach.yaml`'s `proxy:`) in place of
  /// the environment's, `NO_PROXY` in either case.
  public static func forTarget(
    _ target: Target, environment: [String: String]? = nil
  ) throws(ProxySettings.Invalid) -> Self {
    let environment = environment ?? ProcessInfo.processInfo.environment
    var configuration = try fromEnvironment(environment)
    configuration.proxies = try configuration.proxies.applying(target.proxy, environment: environment)
    return configuration
  }
}

extension AsyncHTTPTransport {
  /// What went wrong, in one sentence that names the host and port and what to do.
  func failure(
    _ error: any Error, origin: HostAndPort, proxy: ProxySettings.Proxy?, timeout: TimeAmount? = nil
  ) -> TransportError {
    let connect = "cannot connect to \(origin)"
    let via = proxy.map { " through the proxy at \($0)" } ?? ""
    func notSent(_ text: String, permanent: Bool = false) -> TransportError {
      TransportError(message: text, mayHaveBeenReceived: false, permanent: permanent)
    }
    func maybe(_ text: String) -> TransportError {
      TransportError(message: text, mayHaveBeenReceived: true)
    }
    let connectSeconds = Self.seconds(configuration.connectTimeout)
    let noConnection =
      "\(connect)\(via): no connection within \(connectSeconds), TLS included (is the host reachable from here?)"
    let interrupted = "no answer from \(origin): interrupted"
    if Self.refused(error) {
      return notSent(
        proxy.map {
          "\(connect): the proxy at \($0) refused the connection (is HTTPS_PROXY, HTTP_PROXY or the target's "
            + "proxy right?); nothing was sent"
        }
          ?? "\(connect): connection refused (is the sandbox or the platform running there?)")
    }
    switch error {
    case let error as HTTPClientError:
      switch error {
      case .connectTimeout, .getConnectionFromPoolTimeout:
        return notSent(noConnection)
      case .tlsHandshakeTimeout:
        return notSent("\(connect)\(via): the TLS handshake did not finish within \(connectSeconds)")
      case .httpProxyHandshakeTimeout, .socksHandshakeTimeout:
        return notSent("\(connect)\(via): the proxy did not open a tunnel within \(connectSeconds); nothing was sent")
      case .invalidProxyResponse:
        // A proxy that answers CONNECT with an error refuses by its rules: resending meets the same.
        return notSent(
          "\(connect)\(via): the proxy refused to open a tunnel to it (is the host allowed through the proxy? "
            + "check the proxy variables, the target's proxy and NO_PROXY); nothing was sent", permanent: true)
      case .proxyAuthenticationRequired:
        return notSent(
          "\(connect)\(via): the proxy asks for credentials (HTTP 407); give them in the proxy variable as "
            + "http://user:password@host:port; nothing was sent", permanent: true)
      case .deadlineExceeded:
        return maybe(
          "no answer from \(origin) within \(Self.seconds(timeout ?? configuration.timeout)); "
            + "the request may have been received")
      case .remoteConnectionClosed:
        return maybe("no answer from \(origin): the connection closed before the answer was complete")
      case .readTimeout, .writeTimeout:
        return maybe("no answer from \(origin): the connection stalled")
      case .cancelled:
        return maybe(interrupted)
      default:
        // The header checks' errors quote the values (credentials among them): never their text.
        if String(describing: error).hasPrefix("HTTPClientError.invalidHeaderField") {
          return notSent("cannot send to \(origin): a header holds a character HTTP does not allow", permanent: true)
        }
        return maybe("no answer from \(origin): \(error)")
      }
    case is ResponseAccumulator.ResponseTooBigError:
      let limit = configuration.maxResponseBytes
      let size = limit % (1 << 20) == 0 ? "\(limit >> 20) MiB" : "\(limit) bytes"
      return maybe("the answer from \(origin) is larger than \(size)")
    case is CancellationError:
      return maybe(interrupted)
    case ChannelError.connectTimeout:
      return notSent(noConnection)
    case let error as NIOConnectionError:
      if error.connectionErrors.isEmpty, error.dnsAError != nil || error.dnsAAAAError != nil {
        return notSent("\(connect)\(via): the name \(error.host) does not resolve (check the URL)")
      }
      return notSent("\(connect)\(via): \(error)")
    case let error as NIOSSLExtraError where error == .failedToValidateHostname:
      return notSent(
        "\(connect): its TLS certificate is not for \(origin.host) (check the URL); nothing was sent", permanent: true)
    case NIOSSLError.handshakeFailed(let reason):
      let text = String(describing: reason)
      if text.contains("CERTIFICATE_VERIFY_FAILED") {
        return notSent(
          "\(connect): its TLS certificate is not trusted (not signed by an authority this machine trusts, "
            + "or not for \(origin.host)); nothing was sent", permanent: true)
      }
      // The server closed the connection mid-handshake: it may accept the next one.
      let closed = text.contains("EOF during handshake")
      return notSent("\(connect)\(via): the TLS handshake failed (\(text))", permanent: !closed)
    default:
      return maybe("no answer from \(origin): \(error)")
    }
  }

  /// Every address of the host refused the connection (`ECONNREFUSED`).
  static func refused(_ error: any Error) -> Bool {
    if let error = error as? IOError { return error.errnoCode == ECONNREFUSED }
    if let error = error as? NIOConnectionError {
      return !error.connectionErrors.isEmpty && error.connectionErrors.allSatisfy { refused($0.error) }
    }
    return false
  }

  private static func seconds(_ time: TimeAmount) -> String {
    let milliseconds = time.nanoseconds / 1_000_000
    return milliseconds % 1000 == 0 ? "\(milliseconds / 1000) s" : "\(milliseconds) ms"
  }
}
