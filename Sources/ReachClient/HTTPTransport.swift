public import ReachCatalogue

/// One HTTP exchange on the wire, below retries and auth.
public struct HTTPRequestData: Sendable {
  public var method: HTTPMethod
  public var url: String
  public var headers: [(String, String)]
  public var body: [UInt8]?
  /// How long this request may take, when it is not the transport's own timeout.
  public var timeout: Duration?

  public init(method: HTTPMethod, url: String, headers: [(String, String)], body: [UInt8]?, timeout: Duration? = nil) {
    self.method = method
    self.url = url
    self.headers = headers
    self.body = body
    self.timeout = timeout
  }
}

public struct HTTPResponseData: Sendable {
  public var status: Int
  public var headers: [(String, String)]
  public var body: [UInt8]
  /// The reason phrase of the status line (`Service Unavailable`), when the transport kept it.
  public var reason: String?
  /// How long each phase of the exchange took, when the transport measured them.
  public var timings: HTTPTimings?

  public init(
    status: Int, headers: [(String, String)], body: [UInt8], reason: String? = nil, timings: HTTPTimings? = nil
  ) {
    self.status = status
    self.headers = headers
    self.body = body
    self.reason = reason
    self.timings = timings
  }

  public func header(_ name: String) -> String? {
    headers.first { $0.0.lowercased() == name.lowercased() }?.1
  }
}

/// The phases of one exchange, as an HTTP Archive's `timings` name them: `blocked` from the
/// request's start until its head was written (waiting for a connection, and making one: TCP, a
/// proxy's tunnel and TLS), `send` until its body was written, `wait` until the answer's head
/// arrived, `receive` until the answer's last byte.
public struct HTTPTimings: Sendable, Equatable {
  public var blocked: Duration
  public var send: Duration
  public var wait: Duration
  public var receive: Duration

  public init(blocked: Duration, send: Duration, wait: Duration, receive: Duration) {
    self.blocked = blocked
    self.send = send
    self.wait = wait
    self.receive = receive
  }

  public var total: Duration { blocked + send + wait + receive }
}

/// Sends one request (``AsyncHTTPTransport``). The protocol exists so the client can be pointed at
/// any transport, not to mock the server: tests use a real server on loopback.
public protocol HTTPTransport: Sendable {
  func send(_ request: HTTPRequestData) async throws(TransportError) -> HTTPResponseData
  /// The threads its answers arrive on, for work that should run there (a bulk run's rows);
  /// empty when it cannot say.
  var taskExecutors: [any TaskExecutor] { get }
}

extension HTTPTransport {
  public var taskExecutors: [any TaskExecutor] { [] }
}

/// The request never got an answer: refused, reset, timed out, a certificate not trusted.
public struct TransportError: Error, Sendable, CustomStringConvertible {
  public var message: String
  /// False when the connection was never made, so the request cannot have been received.
  public var mayHaveBeenReceived: Bool
  /// Trying again cannot help (a certificate refused, a URL that cannot be sent to): the client
  /// fails at once instead of backing off and resending.
  public var permanent: Bool

  public init(message: String, mayHaveBeenReceived: Bool, permanent: Bool = false) {
    self.message = message
    self.mayHaveBeenReceived = mayHaveBeenReceived
    self.permanent = permanent
  }

  public var description: String { message }
}
