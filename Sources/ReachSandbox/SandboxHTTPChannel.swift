import HTTPTypes
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1

/// The sandbox's connections as a HummingbirdCore child channel that answers inside the NIO
/// pipeline: NIO's HTTP/1 decoder, then `SandboxHTTPHandler`, which writes each answer as the
/// bytes of one HTTP/1.1 response. HummingbirdCore's
/// `HTTP1Channel` converts every request and answer to and from Swift HTTP Types and hands each
/// request to a task through an `NIOAsyncChannel`, and takes the answer back the same way;
/// `benchmarks/sandbox-wrk.sh` found that costing more than the sandbox's own work. Here a
/// platform call is read, answered and written on the event loop that read it, the state entered
/// through its lock (`SandboxResponder.respondNow`). The sandbox's pages and injected latency,
/// which wait, still go through a task.
struct SandboxHTTPChannel: ServerChildChannel {
  struct Connection: ServerChildChannelValue {
    let channel: any Channel
  }

  let responder: SandboxResponder
  let serverName: String?

  func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Connection> {
    channel.eventLoop.makeCompletedFuture {
      // The handler keeps answers in order itself and answers what NIO cannot parse with a 400.
      let pipeline = channel.pipeline.syncOperations
      try pipeline.addHandler(ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .dropBytes)))
      try pipeline.addHandler(SandboxHTTPHandler(responder: responder, serverName: serverName))
      return Connection(channel: channel)
    }
  }

  func handle(value: Connection, logger: Logger) async {
    let channel = value.channel
    await withTaskCancellationHandler {
      try? await channel.closeFuture.get()
    } onCancel: {
      // The server is stopping: the connection closes now if it is idle, or once the answers in
      // progress are written, as on a graceful shutdown.
      channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
    }
  }
}

/// One connection's requests, answered in the order they came: each one's head and body gathered,
/// then answered on the spot, or, when the answer has to wait, through a task, with the requests
/// read meanwhile held until it is written.
final class SandboxHTTPHandler: ChannelDuplexHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPServerRequestPart
  typealias OutboundIn = ByteBuffer
  typealias OutboundOut = ByteBuffer

  let responder: SandboxResponder
  let serverName: String?
  var dates: HTTPDateHeader
  private var head: HTTPRequestHead?
  private var body: ByteBuffer?
  /// The body went over `SandboxResponder.maxBody`: what came of it was dropped.
  private var overLimit = false
  /// An answer is being awaited; `held` are the requests read since, in order.
  private var awaiting = false
  private var held = CircularBuffer<(head: HTTPRequestHead, body: ByteBuffer?)>()
  /// The server is stopping: close once nothing is in progress.
  private var quiescing = false
  /// A read asked for while an answer was awaited, held back so a client cannot pile up requests.
  private var readHeld = false

  init(responder: SandboxResponder, serverName: String?, dates: HTTPDateHeader = HTTPDateHeader()) {
    self.responder = responder
    self.serverName = serverName
    self.dates = dates
  }

  private var idle: Bool { head == nil && !awaiting && held.isEmpty }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    switch unwrapInboundIn(data) {
    case .head(let head):
      self.head = head
      body = nil
      overLimit = false
    case .body(var part):
      guard !overLimit else { return }
      if (body?.readableBytes ?? 0) + part.readableBytes > SandboxResponder.maxBody {
        overLimit = true
        body = nil
      } else if body == nil {
        body = part
      } else {
        body!.writeBuffer(&part)
      }
    case .end:
      guard let head else { return }
      let body = overLimit ? nil : self.body ?? ByteBuffer()
      self.head = nil
      self.body = nil
      if awaiting {
        held.append((head, body))
      } else {
        answer(head, body: body, context: context)
      }
    }
  }

  private func answer(_ head: HTTPRequestHead, body: ByteBuffer?, context: ChannelHandlerContext) {
    let request = SandboxRequest(head)
    if let answer = responder.respondNow(request, body: body) {
      write(answer, to: head, context: context)
      return
    }
    awaiting = true
    let responder = self.responder
    let bound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
    Task {
      let answer = await responder.respond(request, body: body)
      bound.eventLoop.execute {
        let (handler, context) = bound.value
        handler.awaiting = false
        handler.write(answer, to: head, context: context)
        while !handler.awaiting, context.channel.isActive, let next = handler.held.popFirst() {
          handler.answer(next.head, body: next.body, context: context)
        }
        if !handler.awaiting, handler.readHeld {
          handler.readHeld = false
          context.read()
        }
      }
    }
  }

  private func write(_ answer: SandboxAnswer, to request: HTTPRequestHead, context: ChannelHandlerContext) {
    let close = !request.isKeepAlive || (quiescing && head == nil && held.isEmpty)
    let length = answer.body.readableBytes
    var bytes = context.channel.allocator.buffer(capacity: length + 192)
    bytes.writeString("HTTP/1.1 \(answer.status) \(HTTPResponseStatus(statusCode: answer.status).reasonPhrase)\r\n")
    for field in answer.headers { bytes.writeString("\(field.name.rawName): \(field.value)\r\n") }
    bytes.writeString("content-length: \(length)\r\ndate: \(dates.current())\r\n")
    if let serverName { bytes.writeString("server: \(serverName)\r\n") }
    if close {
      bytes.writeString("connection: close\r\n")
    } else if request.version.major == 1, request.version.minor == 0 {
      bytes.writeString("connection: keep-alive\r\n")
    }
    bytes.writeString("\r\n")
    if request.method != .HEAD { bytes.writeImmutableBuffer(answer.body) }
    send(bytes, thenClose: close, context: context)
  }

  private func send(_ bytes: ByteBuffer, thenClose close: Bool, context: ChannelHandlerContext) {
    guard close else {
      context.writeAndFlush(wrapOutboundOut(bytes), promise: nil)
      return
    }
    let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
    context.writeAndFlush(wrapOutboundOut(bytes)).whenComplete { _ in bound.value.close(promise: nil) }
  }

  func read(context: ChannelHandlerContext) {
    if awaiting {
      readHeld = true
    } else {
      context.read()
    }
  }

  func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
    guard event is ChannelShouldQuiesceEvent else {
      context.fireUserInboundEventTriggered(event)
      return
    }
    quiescing = true
    if idle { context.close(promise: nil) }
  }

  /// A request NIO cannot parse is answered 400 and the connection closed, as Hummingbird does.
  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    guard error is HTTPParserError else {
      context.close(promise: nil)
      return
    }
    let bytes = ByteBuffer(string: "HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n")
    send(bytes, thenClose: true, context: context)
  }
}
