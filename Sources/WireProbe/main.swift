// A benchmark peer for `benchmarks/bulk.sh`, not part of `reach`: the barest HTTP/1.1 client
// SwiftNIO makes, sending one `PUT /apisvc/v0/suspend` per seeded line (SUB0000001, …) over N
// keep-alive connections, each sending its next request when the last is answered. No playbook,
// no journal, no retries: what any Swift runner pays per request before it does anything else.
//
//   REACH_JWT=… REACH_API_KEY=… wire-probe HOST PORT LINES CONNECTIONS
//
// Prints `LINES requests in S s: R requests/s, C non-2xx`.
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

let arguments = CommandLine.arguments
let environment = ProcessInfo.processInfo.environment
guard arguments.count == 5, let port = Int(arguments[2]), let total = Int(arguments[3]),
  let connections = Int(arguments[4]), let jwt = environment["REACH_JWT"], let apiKey = environment["REACH_API_KEY"]
else {
  FileHandle.standardError.write(
    Data("usage: REACH_JWT=… REACH_API_KEY=… wire-probe HOST PORT LINES CONNECTIONS\n".utf8))
  exit(2)
}
let host = arguments[1]
let authorization = "Basic " + Data("clientapi|\(jwt)".utf8).base64EncodedString()
let progress = NIOLockedValueBox((next: 1, done: 0, refused: 0))
let finished = DispatchSemaphore(value: 0)

/// One connection: sends a request, and the next when the answer has ended.
final class Sender: ChannelInboundHandler, Sendable {
  typealias InboundIn = HTTPClientResponsePart
  typealias OutboundOut = HTTPClientRequestPart
  let total: Int
  let hostHeader: String
  let authorization: String
  let apiKey: String

  init(total: Int, hostHeader: String, authorization: String, apiKey: String) {
    self.total = total
    self.hostHeader = hostHeader
    self.authorization = authorization
    self.apiKey = apiKey
  }

  func channelActive(context: ChannelHandlerContext) { send(context) }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    switch unwrapInboundIn(data) {
    case .head(let head):
      if head.status.code >= 300 { progress.withLockedValue { $0.refused += 1 } }
    case .body:
      break
    case .end:
      let last = progress.withLockedValue { state in
        state.done += 1
        return state.done == total
      }
      if last { finished.signal() }
      send(context)
    }
  }

  private func send(_ context: ChannelHandlerContext) {
    let line: Int? = progress.withLockedValue { state in
      guard state.next <= total else { return nil }
      defer { state.next += 1 }
      return state.next
    }
    guard let line else { return }
    let digits = String(line)
    let body =
      #"{"customerId":"SUB"# + String(repeating: "0", count: max(0, 7 - digits.count)) + digits
      + #"","reasonCode":"bench"}"#
    var head = HTTPRequestHead(version: .http1_1, method: .PUT, uri: "/apisvc/v0/suspend")
    head.headers = [
      "Host": hostHeader, "Authorization": authorization, "x-api-key": apiKey,
      "Content-Type": "application/json", "Content-Length": String(body.utf8.count),
    ]
    context.write(wrapOutboundOut(.head(head)), promise: nil)
    context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: body)))), promise: nil)
    context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
  }
}

let started = ContinuousClock.now
for _ in 0..<connections {
  _ = try ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
    .channelOption(.socketOption(.tcp_nodelay), value: 1)
    .channelInitializer { channel in
      channel.eventLoop.makeCompletedFuture {
        try channel.pipeline.syncOperations.addHTTPClientHandlers()
        try channel.pipeline.syncOperations.addHandler(
          Sender(total: total, hostHeader: "\(host):\(port)", authorization: authorization, apiKey: apiKey))
      }
    }
    .connect(host: host, port: port).wait()
}
finished.wait()
let elapsed = ContinuousClock.now - started
let seconds = elapsed / .seconds(1)
let refused = progress.withLockedValue { $0.refused }
let perSecond = String(format: "%.0f", Double(total) / seconds)
print("\(total) requests in \(String(format: "%.2f", seconds)) s: \(perSecond) requests/s, \(refused) non-2xx")
