import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import ReachCatalogue
import ReachWebhooks
import Synchronization
import TestSupport
import Testing

@testable import ReachClient

/// The transport against real servers on loopback: what it sends, how it keeps connections and
/// how many it opens, its proxies, and how each way of getting no answer is told apart (nothing
/// sent, or maybe received).
@Suite(.timeLimit(.minutes(1))) struct TransportTests {
  static func request(_ url: String, _ method: HTTPMethod = .put, body: String? = #"{"customerId":"C1"}"#)
    -> HTTPRequestData
  {
    HTTPRequestData(
      method: method, url: url, headers: [("Content-Type", "application/json"), ("x-trace", "t1")],
      body: body.map { Array($0.utf8) })
  }

  /// Runs `body` with a transport of its own (the defaults changed by `configure`), shut down after.
  static func withTransport(
    _ configure: (inout AsyncHTTPTransport.Configuration) -> Void = { _ in },
    _ body: (AsyncHTTPTransport) async throws -> Void
  ) async throws {
    var configuration = AsyncHTTPTransport.Configuration()
    configure(&configuration)
    try await AsyncHTTPTransport.with(configuration, body)
  }

  /// Expects `call` to fail with a transport error that says `text`, whether the request may have
  /// been received, and whether trying again could help.
  static func expectFailure(
    received: Bool, permanent: Bool = false, saying text: String, sourceLocation: SourceLocation = #_sourceLocation,
    _ call: () async throws -> Void
  ) async {
    do {
      try await call()
      Issue.record("no error, expected one saying '\(text)'", sourceLocation: sourceLocation)
    } catch let error as TransportError {
      #expect(error.mayHaveBeenReceived == received, "\(error.message)", sourceLocation: sourceLocation)
      #expect(error.permanent == permanent, "\(error.message)", sourceLocation: sourceLocation)
      #expect(error.message.contains(text), "\(error.message)", sourceLocation: sourceLocation)
    } catch {
      Issue.record("not a transport error: \(error)", sourceLocation: sourceLocation)
    }
  }

  @Test(arguments: [
    "ftp://host/", "http://host:0/", "http://host:99999/", "http:///path", "https://[::1/", "host/path",
  ])
  func urlsItCannotSendToAreRefused(url: String) async throws {
    try await Self.withTransport { transport in
      await Self.expectFailure(received: false, permanent: true, saying: "cannot send to '\(url)': not an http") {
        _ = try await transport.send(Self.request(url))
      }
    }
  }

  /// Credentials in a URL are neither used nor repeated in the message.
  @Test func aURLWithCredentialsIsRefusedWithoutThem() async throws {
    try await Self.withTransport { transport in
      await Self.expectFailure(received: false, permanent: true, saying: "cannot send to a URL with user:password@") {
        _ = try await transport.send(Self.request("http://ops:s3cret@127.0.0.1:9/"))
      }
      do throws(TransportError) {
        _ = try await transport.send(Self.request("http://ops:s3cret@127.0.0.1:9/"))
      } catch {
        #expect(!error.message.contains("s3cret"))
      }
    }
  }

  @Test func requestsShareOneKeptAliveConnection() async throws {
    let server = try await RawServer { request in .bytes(RawServer.answer(body: #"{"n":\#(request.connection)}"#)) }
    var answeredOn: Set<String> = []
    try await Self.withTransport { transport in
      for _ in 1...3 {
        let answer = try await transport.send(Self.request(server.url + "/apisvc/v0/suspend?x=1"))
        #expect(answer.status == 200)
        answeredOn.insert(String(decoding: answer.body, as: UTF8.self))
        #expect(answer.header("content-type") == "application/json")
      }
    }
    // Connections are kept alive and reused: the three requests took fewer than three. Not
    // exactly one: AsyncHTTPClient hands a connection back to its pool on its event loop while
    // the answer goes on to this task, so on a loaded machine the next request can come first
    // and open another. Counted by this test's own requests: a connection from elsewhere in the
    // parallel suite does not count.
    let ours = server.requests.filter { $0.head.hasPrefix("PUT /apisvc/v0/suspend?x=1 ") }
    #expect(ours.count == 3 && Set(ours.map(\.connection)).count < 3)
    #expect(answeredOn == Set(ours.map { #"{"n":\#($0.connection)}"# }))
    let first = try #require(ours.first)
    let lines = first.head.split(separator: "\r\n").map(String.init)
    #expect(lines.first == "PUT /apisvc/v0/suspend?x=1 HTTP/1.1")
    #expect(lines.contains { $0.lowercased() == "host: 127.0.0.1:\(server.port)" })
    #expect(lines.contains("Content-Length: 19"))
    #expect(lines.contains("x-trace: t1"))
    #expect(first.body == #"{"customerId":"C1"}"#)
    try await server.stop()
  }

  @Test func anAnswerThatClosesTheConnectionIsNotReused() async throws {
    let server = try await RawServer { request in
      .bytes(RawServer.answer(headers: ["Connection: close"]), close: true)
    }
    try await Self.withTransport { transport in
      let statuses = [
        try await transport.send(Self.request(server.url + "/", .get, body: nil)).status,
        try await transport.send(Self.request(server.url + "/", .put, body: nil)).status,
      ]
      #expect(statuses == [200, 200])
    }
    #expect(server.connections == 2)
    // A GET with no body says nothing of a length; a PUT without one says 0.
    let heads = server.requests.map(\.head)
    #expect(heads.count == 2)
    #expect(!(heads.first?.contains("Content-Length") ?? true))
    #expect(heads.last?.contains("Content-Length: 0") == true)
    try await server.stop()
  }

  /// Answers framed every way HTTP/1.1 allows: by length, in chunks, and up to the close.
  @Test func answersAreReadWhateverTheirFraming() async throws {
    let chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\n2\r\n1}\r\n0\r\n\r\n"
    let untilClose = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"b\":2}"
    let server = try await RawServer { request in
      request.head.hasPrefix("GET /chunked") ? .bytes(chunked) : .bytes(untilClose, close: true)
    }
    try await Self.withTransport { transport in
      let first = try await transport.send(Self.request(server.url + "/chunked", .get, body: nil))
      #expect(String(decoding: first.body, as: UTF8.self) == #"{"a":1}"#)
      for _ in 1...2 {
        let answer = try await transport.send(Self.request(server.url + "/close", .get, body: nil))
        #expect(String(decoding: answer.body, as: UTF8.self) == #"{"b":2}"#)
      }
    }
    // Each answer ended by a close took a connection of its own. (Whether the second took the
    // chunked answer's kept-alive one depends on when the pool got it back: see above.)
    let closing = server.requests.filter { $0.head.hasPrefix("GET /close ") }
    #expect(closing.count == 2 && Set(closing.map(\.connection)).count == 2)
    try await server.stop()
  }

  /// A redirect is handed back as the answer, not followed with the request's credentials.
  @Test func redirectsAreAnswersNotFollowed() async throws {
    let server = try await RawServer { _ in
      .bytes(RawServer.answer(status: 302, body: "", headers: ["Location: http://127.0.0.1:9/elsewhere"]))
    }
    try await Self.withTransport { transport in
      let answer = try await transport.send(Self.request(server.url + "/apisvc/v0/suspend"))
      #expect(answer.status == 302)
      #expect(answer.header("Location") == "http://127.0.0.1:9/elsewhere")
    }
    #expect(server.requests.count == 1)
    try await server.stop()
  }

  @Test func aRefusedConnectionSentNothing() async throws {
    let closed = try ReservedPort()
    try await Self.withTransport { transport in
      await Self.expectFailure(
        received: false, saying: "cannot connect to 127.0.0.1:\(closed.port): connection refused (is the sandbox"
      ) {
        _ = try await transport.send(Self.request("http://127.0.0.1:\(closed.port)/apisvc/v0/suspend"))
      }
    }
    withExtendedLifetime(closed) {}
  }

  @Test func noAnswerByTheDeadlineMayHaveBeenReceived() async throws {
    let (arrived, signal) = AsyncStream.makeStream(of: Void.self)
    let server = try await RawServer { _ in
      signal.yield()
      return .silence
    }
    try await Self.withTransport {
      $0.timeout = .milliseconds(100)
    } _: { transport in
      await Self.expectFailure(received: true, saying: "no answer from 127.0.0.1:\(server.port) within 100 ms") {
        _ = try await transport.send(Self.request(server.url + "/apisvc/v0/suspend"))
      }
    }
    // It was sent: the server reads it (the deadline may pass before it has).
    for await _ in arrived { break }
    #expect(server.requests.count == 1)
    try await server.stop()
  }

  /// The deadline holds for the answer's body too: a head and part of a body, then nothing.
  @Test func theDeadlineCoversTheWholeAnswer() async throws {
    let server = try await RawServer { _ in .bytes("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"partial\":") }
    try await Self.withTransport {
      $0.timeout = .milliseconds(200)
    } _: { transport in
      await Self.expectFailure(received: true, saying: "within 200 ms") {
        _ = try await transport.send(Self.request(server.url + "/", .get, body: nil))
      }
    }
    try await server.stop()
  }

  /// The cap holds whether the answer says its length first or comes in chunks.
  @Test func anAnswerOverTheCapIsRefused() async throws {
    let large = String(repeating: "x", count: 100)
    let chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n64\r\n\(large)\r\n0\r\n\r\n"
    let server = try await RawServer { request in
      request.head.hasPrefix("GET /chunked") ? .bytes(chunked) : .bytes(RawServer.answer(body: large))
    }
    try await Self.withTransport {
      $0.maxResponseBytes = 64
    } _: { transport in
      for path in ["/length", "/chunked"] {
        await Self.expectFailure(
          received: true, saying: "the answer from 127.0.0.1:\(server.port) is larger than 64 bytes"
        ) {
          _ = try await transport.send(Self.request(server.url + path, .get, body: nil))
        }
      }
    }
    try await server.stop()
  }

  @Test func cancellingTheCallerEndsTheExchange() async throws {
    let (arrived, signal) = AsyncStream.makeStream(of: Void.self)
    let server = try await RawServer { _ in
      signal.yield()
      return .silence
    }
    try await Self.withTransport { transport in
      let call = Task { try await transport.send(Self.request(server.url + "/apisvc/v0/suspend")) }
      for await _ in arrived { break }
      call.cancel()
      await Self.expectFailure(received: true, saying: "no answer from 127.0.0.1:\(server.port): interrupted") {
        _ = try await call.value
      }
    }
    try await server.stop()
  }

  /// A server that accepts the connection but never answers the TLS handshake: the call ends at
  /// the connect timeout with nothing sent, or at once when its task is cancelled (which the
  /// transport cannot tell from an exchange cut short: it may have been received).
  @Test func aHandshakeThatNeverEndsTimesOutOrIsCancelled() async throws {
    let server = try await RawServer { _ in .silence }
    let url = "https://127.0.0.1:\(server.port)/apisvc/v0/suspend"
    try await Self.withTransport {
      $0.connectTimeout = .milliseconds(100)
    } _: { transport in
      await Self.expectFailure(
        received: false, saying: "cannot connect to 127.0.0.1:\(server.port): no connection within 100 ms"
      ) {
        _ = try await transport.send(Self.request(url))
      }
    }
    try await Self.withTransport {
      $0.connectTimeout = .seconds(60)
    } _: { transport in
      let call = Task { try await transport.send(Self.request(url)) }
      var accepted = server.accepted.makeAsyncIterator()
      _ = await accepted.next()  // the first transport's connection
      _ = await accepted.next()  // this one's
      call.cancel()
      await Self.expectFailure(received: true, saying: "interrupted") {
        _ = try await call.value
      }
      // The connection still being made ends with the server (the transport's shutdown waits
      // for it, at most the connect timeout).
      try await server.stop()
    }
  }

  /// HTTPS verifies the server's certificate: a self-signed one is refused before anything is
  /// sent, for good (no retry can help), and accepted by a transport told to trust it, by IP
  /// address and by name.
  @Test func httpsVerifiesTheServersCertificate() async throws {
    try await HTTPSReceiver.with { receiver, store in
      let tls = try #require(receiver.tls)
      let callback = #"{"type":"PRODUCT_PURCHASE","transactionId":"TXN-1","customerId":"C1","status":"COMPLETED"}"#
      func post(_ transport: AsyncHTTPTransport, _ base: String) async throws -> HTTPResponseData {
        try await transport.send(
          HTTPRequestData(
            method: .post, url: base + "/apisvc/v0/notification/callback",
            headers: [("Content-Type", "application/json")], body: Array(callback.utf8)))
      }
      try await Self.withTransport { transport in
        await Self.expectFailure(
          received: false, permanent: true,
          saying: "cannot connect to 127.0.0.1:\(receiver.port): its TLS certificate is not trusted"
        ) {
          _ = try await post(transport, receiver.url)
        }
      }
      try await Self.withTransport {
        $0.tls = tls.trustingClientConfiguration
      } _: { trusting in
        let byAddress = try await post(trusting, receiver.url)
        let byName = try await post(trusting, "https://localhost:\(receiver.port)")
        #expect(byAddress.status == 200)
        #expect(byName.status == 200)
      }
      #expect(try store.count() == 1)
    }
  }

  /// `cap` connections to one origin at most: `calls` requests at once, each answered only when
  /// `cap` have arrived, share `cap` connections.
  @Test func connectionsToOneOriginAreCapped() async throws {
    let cap = 3
    let calls = 10
    let allIn = MultiThreadedEventLoopGroup.singleton.next().makePromise(of: Void.self)
    let arrived = Mutex(0)
    let server = try await RawServer { _ in
      if arrived.withLock({ count in
        count += 1
        return count
      }) == cap {
        allIn.succeed()
      }
      return .after(allIn.futureResult, RawServer.answer())
    }
    try await Self.withTransport {
      $0.connectionsPerOrigin = cap
    } _: { transport in
      try await withThrowingTaskGroup(of: Int.self) { group in
        for _ in 0..<calls {
          group.addTask { try await transport.send(Self.request(server.url + "/apisvc/v0/suspend")).status }
        }
        for try await status in group { #expect(status == 200) }
      }
    }
    #expect(server.requests.count == calls)
    #expect(server.connections == cap)
    try await server.stop()
  }

  /// Plain http:// to a host that is not loopback is refused before a connection is made, even
  /// when the name leads to a server that would answer; https:// to it, and http:// to loopback
  /// by name or address, are sent.
  @Test func plainHTTPOffLoopbackIsRefusedBeforeConnecting() async throws {
    let server = try await RawServer { _ in .bytes(RawServer.answer()) }
    try await Self.withTransport {
      $0.dnsOverride = ["platform.example": "127.0.0.1"]
    } _: { transport in
      for url in ["http://platform.example:\(server.port)/apisvc/v0/suspend", "http://0.0.0.0:\(server.port)/"] {
        await Self.expectFailure(received: false, permanent: true, saying: "in clear text") {
          _ = try await transport.send(Self.request(url))
        }
      }
      #expect(server.connections == 0)
      for url in ["http://localhost:\(server.port)/", "\(server.url)/"] {
        let answer = try await transport.send(Self.request(url))
        #expect(answer.status == 200)
      }
    }
    #expect(OutgoingURL.refusal("http://sandbox.example:8080") != nil)
    #expect(OutgoingURL.refusal("http://10.0.0.5/events") != nil)
    #expect(OutgoingURL.refusal("https://sandbox.example:8080") == nil)
    #expect(OutgoingURL.refusal("http://127.0.0.2:8080") == nil)
    #expect(OutgoingURL.refusal("http://[::1]:8080/x") == nil)
    try await server.stop()
  }

  /// A redirect to another host is the answer, never followed: the host it names gets nothing,
  /// credentials least of all.
  @Test func aCrossHostRedirectIsNeverFollowed() async throws {
    let elsewhere = try await RawServer { _ in .bytes(RawServer.answer()) }
    let redirecting = try await RawServer { _ in
      .bytes(RawServer.answer(status: 307, body: "", headers: ["Location: http://localhost:\(elsewhere.port)/x"]))
    }
    try await Self.withTransport { transport in
      var request = Self.request(redirecting.url + "/apisvc/v0/suspend")
      request.headers += [("Authorization", Credentials(jwt: "\(UUID())", apiKey: "").authorization)]
      request.headers += [("x-api-key", "\(UUID())")]
      let answer = try await transport.send(request)
      #expect(answer.status == 307)
    }
    #expect(redirecting.requests.count == 1)
    #expect(elsewhere.connections == 0)
    try await redirecting.stop()
    try await elsewhere.stop()
  }

  /// Each phase of an exchange is measured, none below zero, whatever order the event loop tells
  /// of them in: an answer that starts before the request's body is all written ends `send`.
  @Test func timingsAreMeasuredAndNeverNegative() async throws {
    let server = try await RawServer { _ in .bytes(RawServer.answer()) }
    try await Self.withTransport { transport in
      let answer = try await transport.send(Self.request(server.url + "/x"))
      let timings = try #require(answer.timings)
      #expect([timings.blocked, timings.send, timings.wait, timings.receive].allSatisfy { $0 >= .zero })
      #expect(timings.wait > .zero)
    }
    try await server.stop()
    func at(_ n: UInt64) -> NIODeadline { .uptimeNanoseconds(n) }
    #expect(
      TimedAccumulator.timings(started: at(100), marks: [at(110), at(130), at(120), at(125)])
        == HTTPTimings(blocked: .nanoseconds(10), send: .nanoseconds(10), wait: .zero, receive: .nanoseconds(5)))
    #expect(
      TimedAccumulator.timings(started: at(100), marks: [at(110), nil, at(150), at(160)])
        == HTTPTimings(blocked: .nanoseconds(10), send: .zero, wait: .nanoseconds(40), receive: .nanoseconds(10)))
    #expect(TimedAccumulator.timings(started: at(100), marks: [at(110), at(120), nil, nil]) == nil)
  }

  /// With HTTP_PROXY set, a request to an http target goes through a tunnel the proxy opens
  /// (`CONNECT`, with the proxy's credentials on it alone); a host in NO_PROXY, and loopback,
  /// are reached directly.
  @Test func requestsGoThroughTheEnvironmentsProxy() async throws {
    let proxy = try await RawServer { request in
      request.head.hasPrefix("CONNECT ")
        ? .bytes("HTTP/1.1 200 Connection established\r\n\r\n") : .bytes(RawServer.answer(body: #"{"via":"proxy"}"#))
    }
    let direct = try await RawServer { _ in .bytes(RawServer.answer(body: #"{"via":"direct"}"#)) }
    let environment = ["HTTP_PROXY": "http://ops:s3cret@127.0.0.1:\(proxy.port)", "NO_PROXY": "direct.example"]
    var configuration = try AsyncHTTPTransport.Configuration.fromEnvironment(environment)
    configuration.dnsOverride = ["direct.example": "127.0.0.1"]
    configuration.allowsPlainHTTPOffLoopback = true
    try await AsyncHTTPTransport.with(configuration) { transport in
      let proxied = try await transport.send(Self.request("http://platform.example:8080/apisvc/v0/suspend"))
      #expect(String(decoding: proxied.body, as: UTF8.self) == #"{"via":"proxy"}"#)
      let bypassed = try await transport.send(Self.request("http://direct.example:\(direct.port)/apisvc/v0/suspend"))
      #expect(String(decoding: bypassed.body, as: UTF8.self) == #"{"via":"direct"}"#)
      let local = try await transport.send(Self.request(direct.url + "/apisvc/v0/suspend"))
      #expect(String(decoding: local.body, as: UTF8.self) == #"{"via":"direct"}"#)
    }
    let heads = proxy.requests.map { $0.head.split(separator: "\r\n").map { $0.lowercased() } }
    #expect(heads.map(\.first) == ["connect platform.example:8080 http/1.1", "put /apisvc/v0/suspend http/1.1"])
    #expect(heads.first?.contains("proxy-authorization: basic " + "b3BzOnMzY3JldA==".lowercased()) == true)
    #expect(heads.last?.contains { $0.hasPrefix("proxy-authorization") } == false)
    #expect(heads.last?.contains("host: platform.example:8080") == true)
    #expect(proxy.connections == 1)
    #expect(direct.requests.count == 2)
    try await proxy.stop()
    try await direct.stop()
  }
}

/// The brand-side webhook receiver over HTTPS with a throwaway self-signed certificate: a real
/// server whose certificate no system trusts.
enum HTTPSReceiver {
  static func with(_ body: (RunningWebhookServer, WebhookStore) async throws -> Void) async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reach-transport-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = try WebhookStore(path: folder.appendingPathComponent("webhooks.sqlite").path)
    let receiver = try await RunningWebhookServer.startHTTPS(store: store)
    do {
      try await body(receiver, store)
    } catch {
      await receiver.stop()
      throw error
    }
    await receiver.stop()
  }
}
