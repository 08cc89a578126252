import Foundation
import NIOCore
import NIOPosix
import ReachServing
import ReachWebhooks
import Testing

/// The receiver's guard against connections held without a request (issue 20), the same
/// `ConnectionLimits` as the sandbox's: an idle connection is closed, and a sender is answered
/// while many connections sit idle (within the platform's 10 s on a machine not also running the
/// rest of the suite; the deadline here leaves room for it).
@Suite("Receiver connection limits", .timeLimit(.minutes(1)))
struct ReceiverConnectionLimitTests {
  @Test func anIdleConnectionIsClosedAfterTheIdleTimeout() async throws {
    let server = try await RunningWebhookServer.start(
      store: try WebhookStore(path: temporaryStorePath()),
      limits: ConnectionLimits(idleTimeout: .milliseconds(200), bodyTimeout: .seconds(60)))
    let received = try await Self.holdOpen(port: server.port)
    await server.stop()
    #expect(received.readableBytes == 0)
  }

  @Test func aCallbackIsAnsweredWhile200IdleConnectionsAreOpen() async throws {
    let server = try await RunningWebhookServer.start(store: try WebhookStore(path: temporaryStorePath()))
    try await withThrowingTaskGroup(of: Void.self) { group in
      let (opened, open) = AsyncStream.makeStream(of: Void.self)
      for _ in 0..<200 {
        group.addTask { _ = try await Self.holdOpen(port: server.port) { open.yield() } }
      }
      var count = 0
      for await _ in opened {
        count += 1
        if count == 200 { break }
      }
      let answer = try await post(
        server.url + "/apisvc/v0/notification/callback",
        #"{"type":"ACTIVATION","transactionId":"T-idle","customerId":"C1","status":2}"#, timeout: .seconds(30))
      #expect(answer.status == 200)
      group.cancelAll()
    }
    await server.stop()
  }

  /// Connects to `port`, sends nothing, and returns what comes until the server closes.
  static func holdOpen(port: Int, connected: @Sendable () -> Void = {}) async throws -> ByteBuffer {
    let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .connect(host: "127.0.0.1", port: port) { channel in
        channel.eventLoop.makeCompletedFuture {
          try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
        }
      }
    connected()
    return try await channel.executeThenClose { inbound, _ in
      var received = ByteBuffer()
      for try await var chunk in inbound { received.writeBuffer(&chunk) }
      return received
    }
  }
}
