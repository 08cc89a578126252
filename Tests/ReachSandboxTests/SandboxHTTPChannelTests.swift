import Foundation
import NIOCore
import NIOPosix
import Testing

@testable import ReachSandbox

/// The sandbox's own HTTP/1 connections (`SandboxHTTPChannel`), spoken to in raw bytes: what
/// HTTP clients rarely do but the server must still get right.
@Suite("The sandbox's HTTP/1 connections")
struct SandboxHTTPChannelTests {
  /// Two requests in one write: the first (a sandbox page) is answered through a task, the second
  /// on the spot; the answers still come in the order the requests did.
  @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
    let received = try await Self.exchange(
      "GET /__sandbox/audit HTTP/1.1\r\nHost: sandbox\r\n\r\n"
        + "GET /apisvc/v0/customerinfo?customerId=CUST000001 HTTP/1.1\r\nHost: sandbox\r\nConnection: close\r\n\r\n")
    let statuses = received.matches(of: /HTTP\/1\.1 \d{3} [A-Za-z ]+\r\n/).map { String($0.output) }
    #expect(statuses == ["HTTP/1.1 200 OK\r\n", "HTTP/1.1 401 Unauthorized\r\n"])
    let audit = try #require(received.range(of: #"{"entries":"#))
    let unauthorized = try #require(received.range(of: #""status":401"#))
    #expect(audit.lowerBound < unauthorized.lowerBound)
    #expect(received.lowercased().contains("connection: close\r\n"))
  }

  @Test func whatIsNotHTTPIsA400AndTheConnectionCloses() async throws {
    let received = try await Self.exchange("HELLO THERE\r\n\r\n")
    #expect(received.hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
  }

  @Test func aBodyOverTheLimitIsA400NamingTheBody() async throws {
    let size = SandboxResponder.maxBody + 1
    let received = try await Self.exchange(
      "PUT /apisvc/v0/suspend HTTP/1.1\r\nHost: sandbox\r\nContent-Length: \(size)\r\nConnection: close\r\n\r\n"
        + String(repeating: " ", count: size))
    #expect(received.hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
    #expect(received.contains(#"{"field":"body","message":"could not be read"}"#))
  }

  /// HTTP/1.0 without keep-alive: one answer, then the server closes (the exchange returns).
  @Test func anHTTP10RequestIsAnsweredThenClosed() async throws {
    let received = try await Self.exchange("GET /nowhere HTTP/1.0\r\n\r\n")
    #expect(received.hasPrefix("HTTP/1.1 404 Not Found\r\n"))
    #expect(received.contains(#""status":404"#))
  }

  /// Awaited calls (jobs on the executor's queue) and `run` from other threads never overlap: each
  /// of them takes a number from the state's counter, and none is lost or taken twice.
  @Test func runAndAwaitedCallsTakeTurns() async {
    let state = SandboxState(clock: ManualSandboxClock(), baseURL: "http://sandbox.test")
    let ids = await withTaskGroup(of: [String].self) { group in
      for worker in 0..<8 {
        group.addTask {
          var ids: [String] = []
          for _ in 0..<200 {
            if worker.isMultiple(of: 2) {
              ids.append(await state.nextID("T"))
            } else {
              ids.append(state.executor.run { state.assumeIsolated { $0.nextID("T") } })
            }
          }
          return ids
        }
      }
      return await group.reduce(into: []) { $0 += $1 }
    }
    #expect(ids.count == 1600)
    #expect(Set(ids).count == 1600)
  }

  /// Sends `text` to a sandbox on a free port and returns all it answers until it closes.
  static func exchange(_ text: String) async throws -> String {
    let server = SandboxServer(credentials: .random(), clock: ManualSandboxClock())
    return try await server.serving { port in try await send(text, to: port) }
  }

  static func send(_ text: String, to port: Int) async throws -> String {
    let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .connect(host: "127.0.0.1", port: port) { channel in
        channel.eventLoop.makeCompletedFuture {
          try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
        }
      }
    return try await channel.executeThenClose { inbound, outbound in
      try await outbound.write(ByteBuffer(string: text))
      var received = ""
      for try await chunk in inbound { received += String(buffer: chunk) }
      return received
    }
  }
}

extension SandboxServer {
  /// Runs `body` with the port of this server, started by `run` (what `reach sandbox serve` and
  /// the embedded sandbox use) on a free port, then stops it.
  func serving<T>(_ body: (Int) async throws -> T) async throws -> T {
    let (ports, announce) = AsyncStream.makeStream(of: Int.self)
    let running = Task {
      defer { announce.finish() }
      try await run(host: "127.0.0.1", port: 0) { announce.yield($0) }
    }
    defer { running.cancel() }
    guard let port = await ports.first(where: { _ in true }) else {
      try await running.value
      throw ServerDidNotStart()
    }
    return try await body(port)
  }
}

/// The sandbox stopped, without an error, before it announced its port.
struct ServerDidNotStart: Error {}
