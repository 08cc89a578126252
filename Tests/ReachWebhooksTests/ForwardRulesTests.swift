import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ReachCatalogue
import ReachWebhooks
import Synchronization
import Testing

/// How many requests a listener got.
final class Arrivals: Sendable {
  private let count = Mutex(0)
  func add() { count.withLock { $0 += 1 } }
  var value: Int { count.withLock { $0 } }
}

/// Why the forwarder's attempts failed, as it said.
final class Reasons: Sendable {
  private let said = Mutex<[String]>([])
  init() {}
  @Sendable func add(_ reason: String) { said.withLock { $0.append(reason) } }
  var all: [String] { said.withLock { $0 } }
}

/// `--forward-to` follows the client's rules: http off loopback is refused before connecting, and
/// a redirect to another host is not followed (the event stays pending).
@Suite(.timeLimit(.minutes(1))) struct ForwardRulesTests {
  /// A brand application on 127.0.0.1, port 0, that counts what it gets and answers `status`.
  static func brand(
    status: HTTPResponse.Status = .ok, location: String? = nil, received: Arrivals,
    _ body: @escaping @Sendable (Int) async throws -> Void
  ) async throws {
    let router = Router()
    router.on("**", method: .post) { _, _ -> Response in
      received.add()
      var headers = HTTPFields()
      if let location { headers[.location] = location }
      return Response(status: status, headers: headers)
    }
    let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    try await app.test(.live) { client in try await body(try #require(client.port)) }
  }

  static func storeWithOneEvent() throws -> WebhookStore {
    let store = try WebhookStore(path: temporaryStorePath())
    let body: JSONValue = ["type": "ACTIVATION", "transactionId": "T1", "status": 2]
    _ = try store.insert(WebhookEvent(kind: .callback, body: body, receivedAt: Date()))
    return store
  }

  /// `http://0.0.0.0:PORT` reaches a loopback listener on Linux but is not loopback by name.
  @Test func plainHTTPOffLoopbackIsRefusedBeforeConnecting() async throws {
    let received = Arrivals()
    let store = try Self.storeWithOneEvent()
    try await Self.brand(received: received) { port in
      let reasons = Reasons()
      let forwarder = WebhookForwarder(store: store, url: "http://0.0.0.0:\(port)/events", onFailure: reasons.add)
      #expect(await forwarder.drainOnce() == false)
      #expect(await forwarder.drainOnce() == false)
      // Said once, with the fix.
      #expect(reasons.all.count == 1)
      #expect(reasons.all.first?.contains("in clear text: plain http:// is allowed only on loopback") == true)
    }
    #expect(received.value == 0)
    #expect(try store.unforwarded().count == 1)
  }

  @Test func aRedirectToAnotherHostIsNotFollowed() async throws {
    let elsewhere = Arrivals()
    let redirecting = Arrivals()
    let store = try Self.storeWithOneEvent()
    try await Self.brand(received: elsewhere) { otherPort in
      try await Self.brand(
        status: .temporaryRedirect, location: "http://localhost:\(otherPort)/events", received: redirecting
      ) { port in
        let reasons = Reasons()
        let forwarder = WebhookForwarder(store: store, url: "http://127.0.0.1:\(port)/events", onFailure: reasons.add)
        #expect(await forwarder.drainOnce() == false)
        #expect(
          reasons.all == [
            "cannot forward to http://127.0.0.1:\(port)/events: it answered 307 (a redirect, not followed); "
              + "trying again later"
          ])
      }
    }
    #expect(redirecting.value == 1)
    #expect(elsewhere.value == 0)
    #expect(try store.unforwarded().count == 1)
  }
}
