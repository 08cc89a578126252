import NIOCore
import NIOPosix
import Synchronization

/// A TCP server on 127.0.0.1, port 0, that reads whole HTTP/1.1 requests (head, and a body by
/// its Content-Length) and does with each what `reply` says: the bytes of an answer, or nothing.
/// It counts the connections it accepted, so a test can tell a reused one from a new one. It can
/// play an HTTP proxy too: answer a `CONNECT` with 200, then the requests that follow on that
/// connection as if it were the target.
final class RawServer: Sendable {
  enum Reply: Sendable {
    /// Writes these bytes; closes the connection after them when `close`.
    case bytes(String, close: Bool = false)
    /// Reads the request and never answers.
    case silence
    /// Writes these bytes once `ready` succeeds.
    case after(_ ready: EventLoopFuture<Void>, String)
  }

  struct Request: Sendable {
    /// 1 for the first connection accepted, and so on.
    var connection: Int
    var head: String
    var body: String
  }

  private let state = Mutex((connections: 0, requests: [Request](), open: [any Channel]()))
  let reply: @Sendable (Request) -> Reply
  private let channel: any Channel
  /// The number of each connection as it is accepted.
  let accepted: AsyncStream<Int>
  private let accept: AsyncStream<Int>.Continuation

  var port: Int { channel.localAddress!.port! }
  var url: String { "http://127.0.0.1:\(port)" }
  var connections: Int { state.withLock { $0.connections } }
  var requests: [Request] { state.withLock { $0.requests } }

  init(reply: @escaping @Sendable (Request) -> Reply) async throws {
    self.reply = reply
    (accepted, accept) = AsyncStream.makeStream(of: Int.self)
    let box = Mutex<RawServer?>(nil)
    channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .childChannelInitializer { child in
        child.eventLoop.makeCompletedFuture {
          guard let server = box.withLock({ $0 }) else { throw ChannelError.ioOnClosedChannel }
          let number = server.state.withLock { state in
            state.connections += 1
            state.open.append(child)
            return state.connections
          }
          try child.pipeline.syncOperations.addHandler(RawServerHandler(server: server, connection: number))
          server.accept.yield(number)
        }
      }
      .bind(host: "127.0.0.1", port: 0).get()
    box.withLock { $0 = self }
  }

  func received(_ request: Request) -> Reply {
    state.withLock { $0.requests.append(request) }
    return reply(request)
  }

  /// Stops listening and closes the connections it accepted.
  func stop() async throws {
    accept.finish()
    try await channel.close()
    for child in state.withLock({ $0.open }) { child.close(promise: nil) }
  }

  static func answer(status: Int = 200, body: String = #"{"ok":true}"#, headers: [String] = []) -> String {
    let lines =
      ["HTTP/1.1 \(status) Status", "Content-Type: application/json", "Content-Length: \(body.utf8.count)"]
      + headers
    return lines.joined(separator: "\r\n") + "\r\n\r\n" + body
  }
}

final class RawServerHandler: ChannelInboundHandler {
  typealias InboundIn = ByteBuffer
  typealias OutboundOut = ByteBuffer
  let server: RawServer
  let connection: Int
  private var pending: [UInt8] = []

  init(server: RawServer, connection: Int) {
    self.server = server
    self.connection = connection
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    pending += unwrapInboundIn(data).readableBytesView
    while let end = headEnd() {
      let head = String(decoding: pending[..<end], as: UTF8.self)
      let length =
        head.split(separator: "\r\n").compactMap { line -> Int? in
          let parts = line.split(separator: ":", maxSplits: 1)
          guard parts.count == 2, parts[0].lowercased() == "content-length" else { return nil }
          return Int(parts[1].trimmingPrefix(" "))
        }.first ?? 0
      guard pending.count >= end + 4 + length else { return }
      let body = String(decoding: pending[(end + 4)..<(end + 4 + length)], as: UTF8.self)
      pending.removeFirst(end + 4 + length)
      switch server.received(RawServer.Request(connection: connection, head: head, body: body)) {
      case .bytes(let text, let close):
        let written = context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text)))
        if close {
          let channel = context.channel
          written.whenComplete { _ in channel.close(promise: nil) }
        }
      case .silence:
        break
      case .after(let ready, let text):
        let buffer = ByteBuffer(string: text)
        ready.hop(to: context.eventLoop).assumeIsolated().whenSuccess { _ in
          context.writeAndFlush(self.wrapOutboundOut(buffer), promise: nil)
        }
      }
    }
  }

  private func headEnd() -> Int? {
    guard pending.count >= 4 else { return nil }
    for index in 0...(pending.count - 4)
    where pending[index] == 13 && pending[index + 1] == 10 && pending[index + 2] == 13 && pending[index + 3] == 10 {
      return index
    }
    return nil
  }
}
