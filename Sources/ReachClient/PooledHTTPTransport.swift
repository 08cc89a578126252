import NIOConcurrencyHelpers
public import NIOCore
import NIOHTTP1
public import NIOPosix
public import NIOSSL
import NIOTLS
import ReachCatalogue

/// The transport: HTTP/1.1 on SwiftNIO, HTTPS with the system's trust roots and the host name
/// verified, keep-alive connections pooled per origin, a deadline per request and a cap on the
/// answer's size. Redirects are answers, never followed.
///
/// A connection is taken from the pool on the event loop the caller runs on when there is one
/// (a bulk row's task runs on a loop: see ``taskExecutors``), so the request is written and its
/// answer resumes the caller on one thread, with no hop between threads either way.
public final class PooledHTTPTransport: HTTPTransport {
  let group: any EventLoopGroup
  let loops: [any EventLoop]
  let timeout: TimeAmount
  let connectTimeout: TimeAmount
  let maxResponseBytes: Int
  private let idle = NIOLockedValueBox<[Origin: [HTTP1Connection]]>([:])
  /// Task executors on this transport's event loops, for work that should run where its
  /// connections' answers arrive.
  public let taskExecutors: [any TaskExecutor]

  private let tlsConfiguration: TLSConfiguration
  /// Made on the first HTTPS connection (loading the trust roots takes a while), then shared.
  private let tlsContext = NIOLockedValueBox<Result<NIOSSLContext, any Error>?>(nil)

  /// `tls`: the system's trust roots and full verification unless a test says otherwise.
  public init(
    group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, timeout: TimeAmount = .seconds(30),
    connectTimeout: TimeAmount = .seconds(10), maxResponseBytes: Int = 16 << 20,
    tls: TLSConfiguration = .makeClientConfiguration()
  ) {
    self.group = group
    self.loops = Array(group.makeIterator())
    self.timeout = timeout
    self.connectTimeout = connectTimeout
    self.maxResponseBytes = maxResponseBytes
    self.tlsConfiguration = tls
    self.taskExecutors = loops.map { EventLoopTaskExecutor($0) }
  }

  /// One transport for the process, on NIO's shared event loops: it lives as long as the process.
  public static let shared = PooledHTTPTransport()

  private var tls: Result<NIOSSLContext, any Error> {
    tlsContext.withLockedValue { context in
      if let context { return context }
      let made = Result { try NIOSSLContext(configuration: tlsConfiguration) }
      context = made
      return made
    }
  }

  public func send(_ request: HTTPRequestData) async throws(TransportError) -> HTTPResponseData {
    guard let target = RequestTarget(request.url) else {
      throw TransportError(message: "cannot send to '\(request.url)': not an http or https URL", mayHaveBeenReceived: false)
    }
    var head = HTTPRequestHead(
      version: .http1_1, method: NIOHTTP1.HTTPMethod(rawValue: request.method.rawValue), uri: target.path)
    head.headers.reserveCapacity(request.headers.count + 2)
    head.headers.add(name: "Host", value: target.origin.hostHeader)
    for (name, value) in request.headers {
      head.headers.add(name: name, value: value)
    }
    let body = request.body.map { ByteBuffer(bytes: $0) }
    if let body {
      head.headers.replaceOrAdd(name: "Content-Length", value: String(body.readableBytes))
    } else if request.method != .get, request.method != .delete {
      head.headers.replaceOrAdd(name: "Content-Length", value: "0")
    }
    let exchange = HTTP1Exchange(
      head: head, body: body, timeout: timeout, deadline: .now() + timeout, maxBytes: maxResponseBytes)
    // A pooled connection the server closed before anything was written is replaced, once.
    var fresh = false
    while true {
      let connection: HTTP1Connection
      do {
        connection = try await acquire(target.origin, fresh: fresh)
      } catch {
        throw TransportError(message: connectFailure(error, url: request.url), mayHaveBeenReceived: false)
      }
      let answer: HTTP1Answer
      do {
        answer = try await withTaskCancellationHandler {
          try await connection.execute(exchange).get()
        } onCancel: {
          connection.cancel()
        }
      } catch let error as HTTP1ExchangeError {
        connection.close()
        if case .notConnected = error, !fresh, !Task.isCancelled {
          fresh = true
          continue
        }
        throw TransportError(message: error.message(url: request.url), mayHaveBeenReceived: error.mayHaveBeenReceived)
      } catch {
        connection.close()
        throw TransportError(message: "no answer from \(request.url): \(error)", mayHaveBeenReceived: true)
      }
      if answer.keepAlive {
        release(connection, to: target.origin)
      } else {
        connection.close()
      }
      return HTTPResponseData(
        status: answer.status, headers: answer.headers.map { ($0.name, $0.value) },
        body: Array(answer.body.readableBytesView))
    }
  }

  /// An idle connection to `origin`, one on the caller's event loop first; or a new one.
  private func acquire(_ origin: Origin, fresh: Bool) async throws -> HTTP1Connection {
    let here = loops.first { $0.inEventLoop }
    let reused: HTTP1Connection? = fresh ? nil : idle.withLockedValue { pool in
      guard var connections = pool[origin], !connections.isEmpty else { return nil }
      defer { pool[origin] = connections }
      while let index = connections.lastIndex(where: { here == nil || $0.channel.eventLoop === here }) {
        let connection = connections.remove(at: index)
        if connection.channel.isActive { return connection }
      }
      while let connection = connections.popLast() {
        if connection.channel.isActive { return connection }
      }
      return nil
    }
    if let reused { return reused }
    let made = connect(origin, on: here ?? group.next())
    // A cancelled caller stops waiting at once (Ctrl-C does not wait for a slow connect); the
    // connection, should it still be made, is closed.
    let waiter = made.eventLoop.makePromise(of: HTTP1Connection.self)
    made.cascade(to: waiter)
    return try await withTaskCancellationHandler {
      try await waiter.futureResult.get()
    } onCancel: {
      waiter.fail(CancellationError())
      made.whenSuccess { $0.close() }
    }
  }

  private func release(_ connection: HTTP1Connection, to origin: Origin) {
    guard connection.channel.isActive else { return }
    idle.withLockedValue { pool in pool[origin, default: []].append(connection) }
  }

  private func connect(_ origin: Origin, on loop: any EventLoop) -> EventLoopFuture<HTTP1Connection> {
    let tls: NIOSSLContext?
    if origin.secure {
      switch self.tls {
      case .success(let context): tls = context
      case .failure(let error): return loop.makeFailedFuture(error)
      }
    } else {
      tls = nil
    }
    let host = origin.host
    let ready = loop.makePromise(of: Void.self)
    let connected = ClientBootstrap(group: loop)
      .connectTimeout(connectTimeout)
      .channelOption(.socketOption(.tcp_nodelay), value: 1)
      .channelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
          let pipeline = channel.pipeline.syncOperations
          if let tls {
            // An IP literal carries no name to check the certificate against (nor to send as SNI).
            let name = host.isIPAddress ? nil : host
            try pipeline.addHandler(NIOSSLClientHandler(context: tls, serverHostname: name))
            try pipeline.addHandler(HandshakeWaiter(ready))
          } else {
            ready.succeed()
          }
          try pipeline.addHTTPClientHandlers()
          try pipeline.addHandler(HTTP1ExchangeHandler())
        }
      }
      .connect(host: host, port: origin.port)
    connected.whenFailure { ready.fail($0) }
    // The connect and the TLS handshake after it have `connectTimeout` between them: a server
    // that accepts but never answers the handshake does not hold the caller.
    let limit = connectTimeout
    let handshakeTimeout = loop.scheduleTask(in: limit) { ready.fail(ChannelError.connectTimeout(limit)) }
    ready.futureResult.whenComplete { _ in handshakeTimeout.cancel() }
    let idle = idle
    return connected.flatMap { channel in
      ready.futureResult.flatMapErrorThrowing { error in
        channel.close(promise: nil)
        throw error
      }.flatMapThrowing {
        let handler = try channel.pipeline.syncOperations.handler(type: HTTP1ExchangeHandler.self)
        let connection = HTTP1Connection(channel: channel, handler: NIOLoopBound(handler, eventLoop: channel.eventLoop))
        // Closed by the server while idle: dropped from the pool.
        channel.closeFuture.whenComplete { [idle] _ in
          idle.withLockedValue { pool in pool[origin]?.removeAll { $0 === connection } }
        }
        return connection
      }
    }
  }

  private func connectFailure(_ error: any Error, url: String) -> String {
    if let error = error as? ChannelError, case .connectTimeout = error {
      return "connection to \(url) timed out"
    }
    if error is CancellationError {
      return "no connection to \(url): interrupted"
    }
    if Self.refused(error) {
      return "cannot connect to \(url) (connection refused)"
    }
    let text = String(describing: error)
    if error is NIOSSLError || error is BoringSSLError {
      return "cannot connect to \(url): TLS handshake failed: \(text)"
    }
    return "cannot connect to \(url): \(text)"
  }
}

extension PooledHTTPTransport {
  /// Every address of the host refused the connection (`ECONNREFUSED`).
  static func refused(_ error: any Error) -> Bool {
    if let error = error as? IOError { return error.errnoCode == ECONNREFUSED }
    if let error = error as? NIOConnectionError {
      return !error.connectionErrors.isEmpty && error.connectionErrors.allSatisfy { refused($0.error) }
    }
    return false
  }
}

/// The scheme, host and port a connection is made to.
struct Origin: Hashable, Sendable {
  var secure: Bool
  var host: String
  var port: Int

  var hostHeader: String {
    let name = host.contains(":") ? "[\(host)]" : host
    return port == (secure ? 443 : 80) ? name : "\(name):\(port)"
  }
}

/// An absolute http or https URL split into its origin and the request target (path and query).
struct RequestTarget: Sendable, Equatable {
  var origin: Origin
  var path: String

  /// Scanned as UTF-8 bytes: every call parses its URL, and Character-wise scanning showed in a
  /// bulk run's profile.
  init?(_ url: String) {
    let bytes = url.utf8
    let secure: Bool
    var start: String.UTF8View.Index
    if url.hasPrefix("https://") {
      secure = true
      start = bytes.index(bytes.startIndex, offsetBy: 8)
    } else if url.hasPrefix("http://") {
      secure = false
      start = bytes.index(bytes.startIndex, offsetBy: 7)
    } else {
      return nil
    }
    let slash = UInt8(ascii: "/"), question = UInt8(ascii: "?"), hash = UInt8(ascii: "#")
    let authorityEnd = bytes[start...].firstIndex { $0 == slash || $0 == question || $0 == hash } ?? bytes.endIndex
    let authority = bytes[start..<authorityEnd]
    var rest = bytes[authorityEnd...]
    if let fragment = rest.firstIndex(of: hash) { rest = rest[..<fragment] }
    // User information in a URL is not a way to pass credentials here.
    guard !authority.isEmpty, !authority.contains(UInt8(ascii: "@")) else { return nil }
    var host: Substring.UTF8View
    var portText: Substring.UTF8View?
    let colon = UInt8(ascii: ":")
    if authority.first == UInt8(ascii: "[") {
      guard let close = authority.firstIndex(of: UInt8(ascii: "]")) else { return nil }
      host = Substring(authority[authority.index(after: authority.startIndex)..<close]).utf8
      let after = authority[authority.index(after: close)...]
      if !after.isEmpty {
        guard after.first == colon else { return nil }
        portText = Substring(after.dropFirst()).utf8
      }
    } else if let index = authority.firstIndex(of: colon) {
      host = Substring(authority[..<index]).utf8
      portText = Substring(authority[authority.index(after: index)...]).utf8
    } else {
      host = Substring(authority).utf8
    }
    guard !host.isEmpty else { return nil }
    let port: Int
    if let portText {
      guard let value = Int(Substring(portText)), (1...65535).contains(value) else { return nil }
      port = value
    } else {
      port = secure ? 443 : 80
    }
    self.origin = Origin(secure: secure, host: String(Substring(host)), port: port)
    if rest.isEmpty {
      self.path = "/"
    } else if rest.first == question {
      self.path = "/" + String(Substring(rest))
    } else {
      self.path = String(Substring(rest))
    }
  }
}

extension String {
  /// An IPv4 or IPv6 literal, not a name.
  var isIPAddress: Bool {
    (try? SocketAddress(ipAddress: self, port: 0)) != nil
  }
}

/// One keep-alive connection: one exchange at a time.
final class HTTP1Connection: Sendable {
  let channel: any Channel
  let handler: NIOLoopBound<HTTP1ExchangeHandler>

  init(channel: any Channel, handler: NIOLoopBound<HTTP1ExchangeHandler>) {
    self.channel = channel
    self.handler = handler
  }

  func execute(_ exchange: HTTP1Exchange) -> EventLoopFuture<HTTP1Answer> {
    let loop = channel.eventLoop
    let promise = loop.makePromise(of: HTTP1Answer.self)
    if loop.inEventLoop {
      handler.value.start(exchange, promise)
    } else {
      let handler = handler
      loop.execute { handler.value.start(exchange, promise) }
    }
    return promise.futureResult
  }

  /// The caller's task was cancelled: the exchange fails, and the connection is closed.
  func cancel() {
    let handler = handler
    channel.eventLoop.execute { handler.value.fail(.cancelled) }
  }

  func close() {
    channel.close(promise: nil)
  }
}

/// What a request needs on the loop.
struct HTTP1Exchange: Sendable {
  var head: HTTPRequestHead
  var body: ByteBuffer?
  /// How long the caller waits, connecting included, and the moment that ends.
  var timeout: TimeAmount
  var deadline: NIODeadline
  var maxBytes: Int
}

struct HTTP1Answer: Sendable {
  var status: Int
  var headers: HTTPHeaders
  var body: ByteBuffer
  var keepAlive: Bool
}

enum HTTP1ExchangeError: Error, Sendable {
  /// The connection closed before the whole answer came.
  case closed
  case timedOut(TimeAmount)
  case tooLarge(Int)
  case cancelled
  case failed(String)
  /// The connection was already closed: nothing was written.
  case notConnected

  /// Sent, or partly sent: the platform may have acted on it.
  var mayHaveBeenReceived: Bool {
    if case .notConnected = self { return false }
    return true
  }

  func message(url: String) -> String {
    switch self {
    case .closed: "no answer from \(url): the connection closed before the answer was complete"
    case .timedOut(let timeout): "no answer from \(url) within \(timeout.nanoseconds / 1_000_000_000) s"
    case .tooLarge(let limit): "the answer from \(url) is larger than \(limit >> 20) MiB"
    case .cancelled: "no answer from \(url): interrupted"
    case .failed(let reason): "no answer from \(url): \(reason)"
    case .notConnected: "cannot send to \(url): the connection closed"
    }
  }
}

/// Writes one request and collects its answer; fails the exchange when the connection closes,
/// errs or the deadline passes first.
final class HTTP1ExchangeHandler: ChannelInboundHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPClientResponsePart
  typealias OutboundOut = HTTPClientRequestPart

  private var context: ChannelHandlerContext?
  private var promise: EventLoopPromise<HTTP1Answer>?
  private var answer: HTTP1Answer?
  private var maxBytes = 0
  private var deadline: Scheduled<Void>?
  private var closed = false

  func handlerAdded(context: ChannelHandlerContext) { self.context = context }
  func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

  func start(_ exchange: HTTP1Exchange, _ promise: EventLoopPromise<HTTP1Answer>) {
    guard let context, !closed, self.promise == nil else {
      promise.fail(HTTP1ExchangeError.notConnected)
      return
    }
    self.promise = promise
    self.answer = nil
    self.maxBytes = exchange.maxBytes
    let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
    deadline = context.eventLoop.scheduleTask(deadline: exchange.deadline) {
      loopBound.value.fail(.timedOut(exchange.timeout))
    }
    context.write(wrapOutboundOut(.head(exchange.head)), promise: nil)
    if let body = exchange.body {
      context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
    }
    context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    switch unwrapInboundIn(data) {
    case .head(let head):
      answer = HTTP1Answer(
        status: Int(head.status.code), headers: head.headers, body: context.channel.allocator.buffer(capacity: 0),
        keepAlive: head.isKeepAlive)
    case .body(var part):
      guard answer != nil else { return }
      if answer!.body.readableBytes + part.readableBytes > maxBytes {
        fail(.tooLarge(maxBytes))
        return
      }
      if answer!.body.readableBytes == 0 {
        answer!.body = part
      } else {
        answer!.body.writeBuffer(&part)
      }
    case .end:
      guard let answer, let promise else { return }
      self.answer = nil
      self.promise = nil
      deadline?.cancel()
      deadline = nil
      promise.succeed(answer)
    }
  }

  func channelInactive(context: ChannelHandlerContext) {
    closed = true
    fail(.closed)
    context.fireChannelInactive()
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    fail(.failed(String(describing: error)))
  }

  /// Fails the exchange in progress, if any, and closes the connection.
  func fail(_ error: HTTP1ExchangeError) {
    closed = true
    if let promise {
      self.promise = nil
      answer = nil
      deadline?.cancel()
      deadline = nil
      promise.fail(error)
    }
    context?.close(promise: nil)
  }
}

/// Completes `ready` when the TLS handshake is done (or fails it with the handshake's error), so
/// that a certificate refused is a failure to connect: nothing of the request was sent.
final class HandshakeWaiter: ChannelInboundHandler, RemovableChannelHandler {
  typealias InboundIn = NIOAny
  private var ready: EventLoopPromise<Void>?

  init(_ ready: EventLoopPromise<Void>) { self.ready = ready }

  func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
    if let event = event as? TLSUserEvent, case .handshakeCompleted = event {
      ready?.succeed()
      ready = nil
      context.pipeline.syncOperations.removeHandler(self, promise: nil)
    }
    context.fireUserInboundEventTriggered(event)
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    ready?.fail(error)
    ready = nil
    context.fireErrorCaught(error)
  }

  func channelInactive(context: ChannelHandlerContext) {
    ready?.fail(ChannelError.ioOnClosedChannel)
    ready = nil
    context.fireChannelInactive()
  }
}

/// Runs a task's jobs on a NIO event loop. A bulk run's rows prefer the loops its transport's
/// connections live on: the request is written, and its answer resumes the row, on one thread.
public final class EventLoopTaskExecutor: TaskExecutor {
  let loop: any EventLoop

  public init(_ loop: any EventLoop) { self.loop = loop }

  public func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    let executor = asUnownedTaskExecutor()
    loop.execute { job.runSynchronously(on: executor) }
  }
}
