import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ReachCatalogue
import ReachServing
import Testing

@testable import ReachSandbox

/// The sandbox's HTTP/1 connections as `run` serves them (Hummingbird's `Application` and its
/// HTTP/1 channel, what `reach sandbox serve` and the embedded sandbox use), spoken to in raw
/// bytes: what HTTP clients rarely do but the server must still get right.
@Suite("The sandbox's HTTP/1 connections")
struct ConnectionTests {
  /// Two requests in one write: the first (a sandbox page, which awaits the state) is answered
  /// before the second; the answers come in the order the requests did.
  @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
    let received = try await Self.exchange(
      "GET /__sandbox/audit HTTP/1.1\r\nHost: sandbox\r\n\r\n"
        + "GET /apisvc/v0/customerinfo?customerId=CUST000001 HTTP/1.1\r\nHost: sandbox\r\nConnection: close\r\n\r\n")
    let statuses = received.matches(of: /HTTP\/1\.1 \d{3} [A-Za-z ]+\r\n/).map { String($0.output) }
    #expect(statuses == ["HTTP/1.1 200 OK\r\n", "HTTP/1.1 401 Unauthorized\r\n"])
    let audit = try #require(received.range(of: #"{"entries":"#))
    let unauthorized = try #require(received.range(of: #""status":401"#))
    #expect(audit.lowerBound < unauthorized.lowerBound)
  }

  @Test func whatIsNotHTTPIsA400AndTheConnectionCloses() async throws {
    let received = try await Self.exchange("HELLO THERE\r\n\r\n")
    #expect(received.hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
  }

  @Test func aBodyOverTheLimitIsA413() async throws {
    let size = SandboxResponder.maxBody + 1
    let received = try await Self.exchange(
      "PUT /apisvc/v0/suspend HTTP/1.1\r\nHost: sandbox\r\nContent-Length: \(size)\r\nConnection: close\r\n\r\n"
        + String(repeating: " ", count: size))
    #expect(received.hasPrefix("HTTP/1.1 413 Payload Too Large\r\n"), "\(received.prefix(200))")
    #expect(received.contains(#""status":413"#))
  }

  /// A chunked body, which has no Content-Length to refuse it by, is cut at the limit: 413 too.
  @Test func aChunkedBodyOverTheLimitIsA413() async throws {
    let size = SandboxResponder.maxBody + 1
    let chunk = String(repeating: " ", count: size)
    let received = try await Self.exchange(
      "PUT /apisvc/v0/suspend HTTP/1.1\r\nHost: sandbox\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        + String(size, radix: 16) + "\r\n" + chunk + "\r\n0\r\n\r\n")
    #expect(received.hasPrefix("HTTP/1.1 413 Payload Too Large\r\n"), "\(received.prefix(200))")
  }

  /// An HTTP/1.0 request is answered. (Hummingbird's channel does not know the version, which
  /// Swift HTTP Types do not carry, so it keeps the connection open after; the idle timeout
  /// closes it.)
  @Test func anHTTP10RequestIsAnswered() async throws {
    let server = SandboxServer(credentials: .random(), clock: ManualSandboxClock())
    let received = try await server.serving { port in
      try await Self.send("GET /nowhere HTTP/1.0\r\n\r\n", to: port) { $0.contains(#""status":404"#) }
    }
    #expect(received.hasPrefix("HTTP/1.1 404 Not Found\r\n"))
  }

  /// A HEAD is answered with a head and no body, so the answer to the request after it on the same
  /// connection is read where it starts.
  @Test func aHeadIsAnsweredWithoutABody() async throws {
    let received = try await Self.exchange(
      "HEAD /apisvc/v0/customerinfo?customerId=CUST000001 HTTP/1.1\r\nHost: sandbox\r\n\r\n"
        + "GET /nowhere HTTP/1.1\r\nHost: sandbox\r\nConnection: close\r\n\r\n")
    let answers = received.components(separatedBy: "HTTP/1.1 ")
    #expect(answers.count == 3, "\(received)")
    guard answers.count == 3 else { return }
    #expect(answers[1].hasSuffix("\r\n\r\n"), "the HEAD's answer has a body: \(answers[1])")
    #expect(answers[2].hasPrefix("404 Not Found\r\n"))
    #expect(answers[2].contains(#""status":404"#))
  }

  /// The answers carry the `Date` and `Server` headers that `Application` adds.
  @Test func answersCarryDateAndServerHeaders() async throws {
    let server = SandboxServer(credentials: .random(), clock: ManualSandboxClock())
    try await server.serving { port in
      let client = HTTPClient(eventLoopGroupProvider: .singleton)
      do {
        let request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/apisvc/v0/customerinfo?customerId=CUST000001")
        let response = try await client.execute(request, timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 1 << 16)
        // No credentials: the sandbox's own 401, as JSON.
        #expect(response.status.code == 401)
        #expect(response.headers["content-type"] == ["application/json"])
        #expect(response.headers["server"] == ["reach-sandbox"])
        let date = try #require(response.headers["date"].first)
        #expect(
          date.wholeMatch(of: /[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT/) != nil, "\(date)")
        let json = try JSONDecoder().decode(JSONValue.self, from: Data(String(buffer: body).utf8))
        #expect(json["status"] == .int(401))
      } catch {
        try await client.shutdown()
        throw error
      }
      try await client.shutdown()
    }
  }

  /// Sends `text` to a sandbox on a free port and returns all it answers until it closes.
  /// Sends `text` to a sandbox whose timeouts are long: these tests are about answers, and a
  /// test process whose threads are all busy (other tests wait on the `reach` binary) may take
  /// seconds to write after it connects.
  static func exchange(_ text: String) async throws -> String {
    let server = SandboxServer(credentials: .random(), clock: ManualSandboxClock())
    let limits = ConnectionLimits(idleTimeout: .seconds(120), bodyTimeout: .seconds(120))
    return try await server.serving(limits: limits) { port in try await send(text, to: port) }
  }

  /// Sends `text` and returns what comes back until the server closes or `enough` holds of it;
  /// `progress` hears what has come so far, `connected` when the connection is made.
  static func send(
    _ text: String, to port: Int, until enough: @Sendable (String) -> Bool = { _ in false },
    progress: @Sendable (String) -> Void = { _ in }, connected: @Sendable () -> Void = {}
  ) async throws -> String {
    let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .connect(host: "127.0.0.1", port: port) { channel in
        channel.eventLoop.makeCompletedFuture {
          try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
        }
      }
    connected()
    return try await channel.executeThenClose { inbound, outbound in
      if !text.isEmpty {
        do {
          try await outbound.write(ByteBuffer(string: text))
        } catch ChannelError.ioOnClosedChannel {
          // The server closed first (a timeout, or an answer before the whole body): read what
          // it sent before it closed.
        } catch let error as IOError where error.errnoCode == EPIPE || error.errnoCode == ECONNRESET {
          // The same, seen by the kernel.
        }
      }
      var received = ""
      do {
        for try await chunk in inbound {
          received += String(buffer: chunk)
          progress(received)
          if enough(received) { break }
        }
      } catch let error as IOError where error.errnoCode == ECONNRESET {
        // Closed with bytes of ours unread: the kernel resets rather than ends the connection.
      }
      return received
    }
  }
}

extension SandboxServer {
  /// Runs `body` with the port of this server, started by `run` (what `reach sandbox serve` and
  /// the embedded sandbox use) on a free port, then stops it.
  func serving<T>(
    limits: ConnectionLimits = ConnectionLimits(), _ body: (Int) async throws -> T
  ) async throws -> T {
    let (ports, announce) = AsyncStream.makeStream(of: Int.self)
    // Stopped gracefully (see `InProcessServer`), as the embedded sandbox is.
    let running = InProcessServer(
      application(host: "127.0.0.1", port: 0, limits: limits) { announce.yield($0) }, logger: Logger(label: "test")
    ) { announce.finish() }
    guard let port = await ports.first(where: { _ in true }) else {
      try await running.value
      throw ServerDidNotStart()
    }
    do {
      let result = try await body(port)
      await running.stop()
      return result
    } catch {
      await running.stop()
      throw error
    }
  }
}

/// The sandbox stopped, without an error, before it announced its port.
struct ServerDidNotStart: Error {}
