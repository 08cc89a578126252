import Foundation
import NIOCore
import NIOSSL
import ReachCatalogue
import ReachWebhooks
import Synchronization
import Testing

@testable import ReachClient

/// The transport against real servers on loopback: what it sends, how it keeps connections, and
/// how each way of getting no answer is told apart (nothing sent, or maybe received).
@Suite struct TransportTests {
  static func request(_ url: String, _ method: HTTPMethod = .put, body: String? = #"{"customerId":"C1"}"#)
    -> HTTPRequestData
  {
    HTTPRequestData(
      method: method, url: url, headers: [("Content-Type", "application/json"), ("x-trace", "t1")],
      body: body.map { Array($0.utf8) })
  }

  /// Expects `call` to fail with a transport error that says `text` and whether the request may
  /// have been received.
  static func expectFailure(
    received: Bool, saying text: String, sourceLocation: SourceLocation = #_sourceLocation,
    _ call: () async throws -> Void
  ) async {
    do {
      try await call()
      Issue.record("no error, expected one saying '\(text)'", sourceLocation: sourceLocation)
    } catch let error as TransportError {
      #expect(error.mayHaveBeenReceived == received, "\(error.message)", sourceLocation: sourceLocation)
      #expect(error.message.contains(text), "\(error.message)", sourceLocation: sourceLocation)
    } catch {
      Issue.record("not a transport error: \(error)", sourceLocation: sourceLocation)
    }
  }

  @Test(arguments: [
    ("http://127.0.0.1:8080/apisvc/v0/suspend?x=1", false, "127.0.0.1", 8080, "/apisvc/v0/suspend?x=1", "127.0.0.1:8080"),
    ("https://api.example.com", true, "api.example.com", 443, "/", "api.example.com"),
    ("https://[::1]:8443/a#part", true, "::1", 8443, "/a", "[::1]:8443"),
    ("http://host?q=1", false, "host", 80, "/?q=1", "host"),
  ])
  func urlsSplitIntoOriginAndTarget(
    url: String, secure: Bool, host: String, port: Int, path: String, hostHeader: String
  ) throws {
    let target = try #require(RequestTarget(url))
    #expect(target.origin == Origin(secure: secure, host: host, port: port))
    #expect(target.path == path)
    #expect(target.origin.hostHeader == hostHeader)
  }

  @Test(arguments: [
    "ftp://host/", "http://user:secret@host/", "http://host:0/", "http://host:99999/", "http:///path",
    "https://[::1/", "host/path",
  ])
  func urlsItCannotSendToAreRefused(url: String) async {
    #expect(RequestTarget(url) == nil)
    await Self.expectFailure(received: false, saying: "not an http or https URL") {
      _ = try await PooledHTTPTransport().send(Self.request(url))
    }
  }

  @Test func requestsShareOneKeptAliveConnection() async throws {
    let server = try await RawServer { request in .bytes(RawServer.answer(body: #"{"n":\#(request.connection)}"#)) }
    let transport = PooledHTTPTransport()
    for _ in 1...3 {
      let answer = try await transport.send(Self.request(server.url + "/apisvc/v0/suspend"))
      #expect(answer.status == 200)
      #expect(String(decoding: answer.body, as: UTF8.self) == #"{"n":1}"#)
      #expect(answer.header("content-type") == "application/json")
    }
    #expect(server.connections == 1)
    let first = try #require(server.requests.first)
    let lines = first.head.split(separator: "\r\n").map(String.init)
    #expect(lines.first == "PUT /apisvc/v0/suspend HTTP/1.1")
    #expect(lines.contains("Host: 127.0.0.1:\(server.port)"))
    #expect(lines.contains("Content-Length: 19"))
    #expect(lines.contains("x-trace: t1"))
    #expect(first.body == #"{"customerId":"C1"}"#)
    try await server.stop()
  }

  @Test func anAnswerThatClosesTheConnectionIsNotReused() async throws {
    let server = try await RawServer { request in
      .bytes(RawServer.answer(headers: ["Connection: close"]), close: true)
    }
    let transport = PooledHTTPTransport()
    for _ in 1...2 {
      #expect(try await transport.send(Self.request(server.url + "/", .get, body: nil)).status == 200)
    }
    #expect(server.connections == 2)
    // A GET with no body says nothing of a length; a PUT without one says 0.
    #expect(!(server.requests.first?.head.contains("Content-Length") ?? true))
    try await server.stop()
  }

  /// Answers framed every way HTTP/1.1 allows: by length, in chunks, and up to the close.
  @Test func answersAreReadWhateverTheirFraming() async throws {
    let chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\n2\r\n1}\r\n0\r\n\r\n"
    let untilClose = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"b\":2}"
    let server = try await RawServer { request in
      request.head.hasPrefix("GET /chunked") ? .bytes(chunked) : .bytes(untilClose, close: true)
    }
    let transport = PooledHTTPTransport()
    let first = try await transport.send(Self.request(server.url + "/chunked", .get, body: nil))
    #expect(String(decoding: first.body, as: UTF8.self) == #"{"a":1}"#)
    for _ in 1...2 {
      let answer = try await transport.send(Self.request(server.url + "/close", .get, body: nil))
      #expect(String(decoding: answer.body, as: UTF8.self) == #"{"b":2}"#)
    }
    // The chunked answer kept its connection; each answer ended by a close took one.
    #expect(server.connections == 2)
    try await server.stop()
  }

  @Test func aRefusedConnectionSentNothing() async throws {
    let server = try await RawServer { _ in .silence }
    let url = server.url
    try await server.stop()
    await Self.expectFailure(received: false, saying: "connection refused") {
      _ = try await PooledHTTPTransport().send(Self.request(url + "/apisvc/v0/suspend"))
    }
  }

  @Test func noAnswerByTheDeadlineMayHaveBeenReceived() async throws {
    let (arrived, signal) = AsyncStream.makeStream(of: Void.self)
    let server = try await RawServer { _ in
      signal.yield()
      return .silence
    }
    let transport = PooledHTTPTransport(timeout: .milliseconds(100))
    await Self.expectFailure(received: true, saying: "no answer from") {
      _ = try await transport.send(Self.request(server.url + "/apisvc/v0/suspend"))
    }
    // It was sent: the server reads it (the deadline may pass before it has).
    for await _ in arrived { break }
    #expect(server.requests.count == 1)
    try await server.stop()
  }

  @Test func anAnswerOverTheCapIsRefused() async throws {
    let server = try await RawServer { _ in .bytes(RawServer.answer(body: String(repeating: "x", count: 100))) }
    let transport = PooledHTTPTransport(maxResponseBytes: 64)
    await #expect {
      _ = try await transport.send(Self.request(server.url + "/", .get, body: nil))
    } throws: { error in
      (error as? TransportError)?.message.contains("is larger than") == true
    }
    try await server.stop()
  }

  @Test func cancellingTheCallerEndsTheExchange() async throws {
    let (arrived, signal) = AsyncStream.makeStream(of: Void.self)
    let server = try await RawServer { _ in
      signal.yield()
      return .silence
    }
    let transport = PooledHTTPTransport()
    let call = Task { try await transport.send(Self.request(server.url + "/apisvc/v0/suspend")) }
    for await _ in arrived { break }
    call.cancel()
    await Self.expectFailure(received: true, saying: "interrupted") {
      _ = try await call.value
    }
    try await server.stop()
  }

  /// A server that accepts the connection but never answers the TLS handshake: the call ends at
  /// the connect timeout, or at once when its task is cancelled, with nothing sent either way.
  @Test func aHandshakeThatNeverEndsTimesOutOrIsCancelled() async throws {
    let server = try await RawServer { _ in .silence }
    let url = "https://127.0.0.1:\(server.port)/apisvc/v0/suspend"
    await Self.expectFailure(received: false, saying: "timed out") {
      _ = try await PooledHTTPTransport(connectTimeout: .milliseconds(100)).send(Self.request(url))
    }
    let transport = PooledHTTPTransport(connectTimeout: .seconds(60))
    let call = Task { try await transport.send(Self.request(url)) }
    var accepted = server.accepted.makeAsyncIterator()
    _ = await accepted.next()  // the first test's connection
    _ = await accepted.next()  // this one's
    call.cancel()
    await Self.expectFailure(received: false, saying: "interrupted") {
      _ = try await call.value
    }
    try await server.stop()
  }

  /// HTTPS verifies the server's certificate: a self-signed one is refused before anything is
  /// sent, and accepted by a transport told to trust it, by IP address and by name.
  @Test func httpsVerifiesTheServersCertificate() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reach-transport-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = try WebhookStore(path: folder.appendingPathComponent("webhooks.sqlite").path)
    let receiver = try await RunningWebhookServer.startHTTPS(store: store)
    let tls = try #require(receiver.tls)
    let callback = #"{"type":"PRODUCT_PURCHASE","transactionId":"TXN-1","customerId":"C1","status":"COMPLETED"}"#
    func post(_ transport: PooledHTTPTransport, _ base: String) async throws -> HTTPResponseData {
      try await transport.send(
        HTTPRequestData(
          method: .post, url: base + "/apisvc/v0/notification/callback",
          headers: [("Content-Type", "application/json")], body: Array(callback.utf8)))
    }
    await Self.expectFailure(received: false, saying: "TLS handshake failed") {
      _ = try await post(PooledHTTPTransport(), receiver.url)
    }
    let trusting = PooledHTTPTransport(tls: tls.trustingClientConfiguration)
    #expect(try await post(trusting, receiver.url).status == 200)
    #expect(try await post(trusting, "https://localhost:\(receiver.port)").status == 200)
    #expect(try store.count() == 1)
    await receiver.stop()
  }
}
