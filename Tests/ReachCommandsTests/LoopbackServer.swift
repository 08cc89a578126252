import Hummingbird
import HummingbirdCore
import Logging
import ReachServing

/// A real HTTP server on 127.0.0.1, port 0, for the length of `body`, which gets the port: the
/// stand-ins of these tests (a platform that is no sandbox, a refusing proxy, a brand's HTTPS
/// endpoint) are each one of these with their own responder.
enum LoopbackServer {
  static func run<Responder: HTTPResponder>(
    _ responder: Responder, label: String, server: HTTPServerBuilder = .http1(),
    _ body: (Int) async throws -> Void
  ) async throws where Responder.Context == BasicRequestContext {
    var logger = Logger(label: label)
    logger.logLevel = .critical
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let app = Application(
      responder: responder, server: server, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
      onServerRunning: { channel in
        continuation.yield(channel.localAddress?.port ?? 0)
        continuation.finish()
      }, logger: logger)
    // Stopped gracefully: cancelled, a server drops connections it accepted and has not taken up,
    // which stops the whole test process (see `InProcessServer`).
    let server = InProcessServer(app, logger: logger)
    var iterator = ports.makeAsyncIterator()
    do {
      try await body(await iterator.next() ?? 0)
    } catch {
      await server.stop()
      throw error
    }
    await server.stop()
  }
}
