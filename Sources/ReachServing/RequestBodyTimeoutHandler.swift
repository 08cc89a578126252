import NIOCore
import NIOHTTPTypes

/// Closes a connection whose request body is not complete within `timeout` of its head: the
/// slow-body half of `ConnectionLimits` (Hummingbird's idle timeout covers a connection with no
/// request in progress, a slow head included). It sits after Hummingbird's HTTP/1 decoding and
/// passes every part on.
final class RequestBodyTimeoutHandler: ChannelInboundHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPRequestPart
  typealias InboundOut = HTTPRequestPart

  let timeout: TimeAmount
  private var deadline: Scheduled<Void>?

  init(timeout: TimeAmount) { self.timeout = timeout }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    switch unwrapInboundIn(data) {
    case .head:
      deadline?.cancel()
      let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
      deadline = context.eventLoop.scheduleTask(in: timeout) { bound.value.close(promise: nil) }
    case .body:
      break
    case .end:
      deadline?.cancel()
      deadline = nil
    }
    context.fireChannelRead(data)
  }

  func channelInactive(context: ChannelHandlerContext) {
    deadline?.cancel()
    deadline = nil
    context.fireChannelInactive()
  }

  func handlerRemoved(context: ChannelHandlerContext) {
    deadline?.cancel()
    deadline = nil
  }
}
