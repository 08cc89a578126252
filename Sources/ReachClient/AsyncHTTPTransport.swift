import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import ReachCatalogue

/// The transport on AsyncHTTPClient: HTTPS with certificate verification, a request timeout.
public struct AsyncHTTPTransport: HTTPTransport {
  let client: HTTPClient
  let timeout: TimeAmount
  let maxResponseBytes: Int

  public init(timeoutSeconds: Int64 = 30, maxResponseBytes: Int = 16 << 20) {
    self.client = AsyncHTTPTransport.sharedClient
    self.timeout = .seconds(timeoutSeconds)
    self.maxResponseBytes = maxResponseBytes
  }

  /// One client for the process (it lives as long as the process, so it is never shut down).
  /// A refused connection fails at once: the retry rules above decide what happens next.
  static let sharedClient: HTTPClient = {
    var configuration = HTTPClient.Configuration()
    configuration.connectionPool.retryConnectionEstablishment = false
    // A bulk run's workers (`--concurrency`, up to 64 is sensible) each keep a connection open;
    // the default of 8 would queue the rest behind them.
    configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 64
    configuration.timeout.connect = .seconds(10)
    // A redirect is an answer to report (the hosted pages' 302 to the brand), never to follow.
    configuration.redirectConfiguration = .disallow
    // No tracer is ever bootstrapped: without this, every request still opens a no-op span and
    // works out its attributes (a few per cent of a bulk run's CPU).
    configuration.tracing.tracer = nil
    return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
  }()

  public func send(_ request: HTTPRequestData) async throws(TransportError) -> HTTPResponseData {
    var outgoing = HTTPClientRequest(url: request.url)
    outgoing.method = NIOHTTP1.HTTPMethod(rawValue: request.method.rawValue)
    for (name, value) in request.headers {
      outgoing.headers.add(name: name, value: value)
    }
    if let body = request.body {
      outgoing.body = .bytes(ByteBuffer(bytes: body))
    }
    do {
      let response = try await client.execute(outgoing, timeout: timeout)
      let buffer = try await response.body.collect(upTo: maxResponseBytes)
      return HTTPResponseData(
        status: Int(response.status.code),
        headers: response.headers.map { ($0.name, $0.value) },
        body: Array(buffer.readableBytesView))
    } catch let error as HTTPClientError where error == .connectTimeout {
      throw TransportError(message: "connection to \(request.url) timed out", mayHaveBeenReceived: false)
    } catch {
      let text = String(describing: error)
      let refused =
        text.contains("connectionRefused") || text.contains("Connection refused")
        || text.contains("connect(descriptor")
      throw TransportError(
        message: refused
          ? "cannot connect to \(request.url) (connection refused)" : "no answer from \(request.url): \(text)",
        mayHaveBeenReceived: !refused)
    }
  }
}
