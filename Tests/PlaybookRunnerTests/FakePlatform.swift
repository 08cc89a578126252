import Foundation
import Hummingbird
import Logging
import NIOCore
import PlaybookRunner
import ReachCatalogue
import ReachClient
import ReachServing
import Synchronization

/// A tiny platform on 127.0.0.1 (port 0): every request is counted and answered by a script.
final class FakePlatform: Sendable {
  struct Received: Sendable, Hashable {
    var method: String
    var path: String
    var query: [String: String]
    var body: JSONValue
  }

  typealias Script = @Sendable (_ request: Received, _ count: Int) -> (status: Int, body: JSONValue)

  private let log = Mutex<[Received]>([])
  private let script: Script

  init(_ script: @escaping Script) {
    self.script = script
  }

  var received: [Received] { log.withLock { $0 } }

  /// Requests so far to `path`.
  func count(_ path: String) -> Int { received.filter { $0.path == path }.count }

  func answer(_ request: Received) -> (status: Int, body: JSONValue) {
    let count = log.withLock { log in
      log.append(request)
      return log.filter { $0.path == request.path }.count
    }
    return script(request, count)
  }

  /// Runs the platform for the duration of `body`, which gets a client pointed at it (with
  /// `credentials`, and handing each exchange it records to `onExchange`).
  func serve(
    clock: VirtualClock, credentials: Credentials = Credentials(jwt: "jwt", apiKey: "key"),
    onExchange: (@Sendable (ExchangeRecord) -> Void)? = nil, _ body: @Sendable (ReachClient) async throws -> Void
  ) async throws {
    let router = Router()
    let handler: @Sendable (Request, BasicRequestContext) async throws -> Response = { [self] request, _ in
      let bytes = try await request.body.collect(upTo: 1 << 20)
      let data = Data(bytes.readableBytesView)
      let json = data.isEmpty ? JSONValue.null : (try? JSONDecoder().decode(JSONValue.self, from: data)) ?? .null
      var query: [String: String] = [:]
      for pair in (request.uri.query ?? "").split(separator: "&") {
        let parts = pair.split(separator: "=", maxSplits: 1)
        query[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
      }
      let received = Received(method: request.method.rawValue, path: request.uri.path, query: query, body: json)
      let (status, answer) = self.answer(received)
      return Response(
        status: .init(code: status), headers: [.contentType: "application/json"],
        body: .init(byteBuffer: ByteBuffer(string: answer.jsonText())))
    }
    router.get("**", use: handler)
    router.put("**", use: handler)
    router.post("**", use: handler)
    router.delete("**", use: handler)
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    var logger = Logger(label: "fake-platform")
    logger.logLevel = .critical
    let app = Application(
      router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
      onServerRunning: { channel in
        continuation.yield(channel.localAddress?.port ?? 0)
        continuation.finish()
      }, logger: logger)
    // Stopped gracefully (see `InProcessServer`).
    let server = InProcessServer(app, logger: logger)
    var iterator = ports.makeAsyncIterator()
    let port = await iterator.next() ?? 0
    do {
      let target = try Target(
        name: "fake", baseURL: "http://127.0.0.1:\(port)", credentials: credentials, isSandbox: true)
      try await body(ReachClient(target: target, clock: clock, onExchange: onExchange))
    } catch {
      await server.stop()
      throw error
    }
    await server.stop()
  }
}

/// The events of a run, as they came.
final class EventLog: Sendable {
  private let events = Mutex<[RunEvent]>([])

  var all: [RunEvent] { events.withLock { $0 } }

  var sink: @Sendable (RunEvent) -> Void {
    { [self] event in events.withLock { $0.append(event) } }
  }
}
