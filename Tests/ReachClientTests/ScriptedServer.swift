import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import ReachCatalogue
import Synchronization

/// A real HTTP server on 127.0.0.1, port 0, that answers each request with the next scripted
/// status and remembers what it received.
final class ScriptedServer: Sendable {
  struct Received: Sendable {
    var method: String
    var uri: String
    var headers: [String: String]
    var body: String
  }

  private let state: Mutex<(script: [(Int, [(String, String)], String)], received: [Received])>

  init(_ script: [(Int, [(String, String)], String)]) {
    state = Mutex((script, []))
  }

  convenience init(statuses: [Int], finalBody: String = #"{"ok":true}"#) {
    self.init(statuses.map { ($0, [], $0 < 300 ? finalBody : #"{"message":"scripted"}"#) })
  }

  var received: [Received] { state.withLock { $0.received } }

  /// Runs `body` with the server's base URL while the server is up.
  func run(_ body: @Sendable (String) async throws -> Void) async throws {
    let router = Router()
    router.on("**", method: .get) { request, context in try await self.answer(request) }
    router.on("**", method: .post) { request, context in try await self.answer(request) }
    router.on("**", method: .put) { request, context in try await self.answer(request) }
    router.on("**", method: .delete) { request, context in try await self.answer(request) }
    let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    try await app.test(.live) { client in
      try await body("http://127.0.0.1:\(client.port!)")
    }
  }

  private func answer(_ request: Request) async throws -> Response {
    let buffer = try await request.body.collect(upTo: 1 << 20)
    var headers: [String: String] = [:]
    for field in request.headers { headers[field.name.canonicalName.lowercased()] = field.value }
    let next: (Int, [(String, String)], String) = state.withLock { state in
      state.received.append(
        Received(
          method: request.method.rawValue, uri: request.uri.description, headers: headers, body: String(buffer: buffer))
      )
      return state.script.isEmpty ? (200, [], #"{"ok":true}"#) : state.script.removeFirst()
    }
    var responseHeaders = HTTPFields()
    responseHeaders[.contentType] = "application/json"
    for (name, value) in next.1 { responseHeaders[HTTPField.Name(name)!] = value }
    return Response(
      status: .init(code: next.0), headers: responseHeaders, body: .init(byteBuffer: ByteBuffer(string: next.2)))
  }
}
