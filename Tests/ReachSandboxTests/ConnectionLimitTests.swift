import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import ReachServing
import ReachWebhooks
import Testing

@testable import ReachSandbox

/// The sandbox's guard against connections held without a request (issue 20): idle and slow
/// connections are closed, open connections are capped, and a sender is still answered.
@Suite("Connection limits", .timeLimit(.minutes(1)))
struct ConnectionLimitTests {
  static func sandbox() -> SandboxServer { SandboxServer(credentials: .random(), clock: ManualSandboxClock()) }

  /// A connection that sends nothing is closed after the idle timeout: the read ends.
  @Test func anIdleConnectionIsClosedAfterTheIdleTimeout() async throws {
    let limits = ConnectionLimits(idleTimeout: .milliseconds(200), bodyTimeout: .seconds(60))
    let received = try await Self.sandbox().serving(limits: limits) { port in
      try await ConnectionTests.send("", to: port)
    }
    #expect(received.isEmpty)
  }

  /// A head that never ends counts as idle: nothing is in progress until the head is whole.
  @Test func aHeadThatNeverEndsIsClosedAfterTheIdleTimeout() async throws {
    let limits = ConnectionLimits(idleTimeout: .seconds(1), bodyTimeout: .seconds(60))
    let received = try await Self.sandbox().serving(limits: limits) { port in
      try await ConnectionTests.send("GET /apisvc/v0/customerinfo HTTP/1.1\r\nHost: sand", to: port)
    }
    #expect(received.isEmpty)
  }

  /// A body that stops coming is cut after the body timeout, long before the idle timeout.
  @Test func aBodyThatStopsComingIsCutAfterTheBodyTimeout() async throws {
    let limits = ConnectionLimits(idleTimeout: .seconds(50), bodyTimeout: .milliseconds(200))
    let started = ContinuousClock.now
    _ = try await Self.sandbox().serving(limits: limits) { port in
      try await ConnectionTests.send(
        "PUT /apisvc/v0/suspend HTTP/1.1\r\nHost: sandbox\r\nContent-Length: 100\r\n\r\n{\"customerId\"", to: port)
    }
    #expect(ContinuousClock.now - started < .seconds(40))
  }

  /// An answer that takes longer than both timeouts (injected latency) is not cut. The idle
  /// timeout also runs from the connection's start to its first request, so it leaves a loaded
  /// test process seconds to read the request.
  @Test func aSlowAnswerIsNotCut() async throws {
    let limits = ConnectionLimits(idleTimeout: .seconds(5), bodyTimeout: .seconds(5))
    let options = SandboxOptions(faults: FaultPlan(latency: .seconds(7)))
    let server = SandboxServer(credentials: .random(), clock: ManualSandboxClock(), options: options)
    let received = try await server.serving(limits: limits) { port in
      try await ConnectionTests.send(
        "GET /apisvc/v0/customerinfo?customerId=C1 HTTP/1.1\r\nHost: sandbox\r\n\r\n", to: port,
        until: { $0.contains(#""status":401"#) })
    }
    #expect(received.hasPrefix("HTTP/1.1 401 Unauthorized\r\n"))
  }

  /// With 200 connections open and sending nothing, a sender is answered (within the guide's 10 s
  /// on a machine not also running the rest of the suite; the deadline here leaves room for it).
  @Test func aSenderIsAnsweredWhile200IdleConnectionsAreOpen() async throws {
    try await Self.sandbox().serving { port in
      try await withThrowingTaskGroup(of: Void.self) { group in
        let (opened, open) = AsyncStream.makeStream(of: Void.self)
        for _ in 0..<200 {
          group.addTask { _ = try await ConnectionTests.send("", to: port, connected: { open.yield() }) }
        }
        var count = 0
        for await _ in opened {
          count += 1
          if count == 200 { break }
        }
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
          let request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/apisvc/v0/customerinfo?customerId=C1")
          let response = try await client.execute(request, timeout: .seconds(30))
          #expect(response.status.code == 401)
        } catch {
          try await client.shutdown()
          throw error
        }
        try await client.shutdown()
        group.cancelAll()
      }
    }
  }

  /// Over the cap, a connection waits until one closes: with room for one, a request on a second
  /// connection is answered only after the first has been closed. The first is answered once, so
  /// the server has surely taken it, then starts a request whose body never ends, which the body
  /// timeout cuts (a timer that starts only once the server has read that head).
  @Test func aConnectionOverTheCapWaitsForOneToClose() async throws {
    let limits = ConnectionLimits(idleTimeout: .seconds(60), bodyTimeout: .seconds(1), maxConnections: 1)
    let order = Order()
    try await Self.sandbox().serving(limits: limits) { port in
      let (answered, answering) = AsyncStream.makeStream(of: Void.self)
      async let first: Void = {
        defer { answering.finish() }
        _ = try await ConnectionTests.send(
          "GET /nowhere HTTP/1.1\r\nHost: sandbox\r\n\r\n"
            + "PUT /apisvc/v0/suspend HTTP/1.1\r\nHost: sandbox\r\nContent-Length: 100\r\n\r\n{", to: port,
          progress: { if $0.contains(#""status":404"#) { answering.yield() } })
        await order.note("first closed")
      }()
      for await _ in answered { break }
      let answer = try await ConnectionTests.send(
        "GET /nowhere HTTP/1.1\r\nHost: sandbox\r\nConnection: close\r\n\r\n", to: port)
      await order.note("answered")
      #expect(answer.hasPrefix("HTTP/1.1 404 Not Found\r\n"))
      try await first
    }
    #expect(await order.events == ["first closed", "answered"])
  }
}

/// The webhook receiver's guard, the same `ConnectionLimits` as the sandbox's: an idle connection
/// is closed, and a sender is answered while many connections sit idle (within the platform's
/// 10 s on a machine not also running the rest of the suite; the deadline leaves room for it).
@Suite("Receiver connection limits", .timeLimit(.minutes(1)))
struct ReceiverConnectionLimitTests {
  static func receiver(_ limits: ConnectionLimits = ConnectionLimits()) async throws -> RunningWebhookServer {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("reach-limits-\(UUID().uuidString)")
    return try await RunningWebhookServer.start(
      store: try WebhookStore(path: path.appendingPathComponent("events.sqlite").path), limits: limits)
  }

  @Test func anIdleConnectionIsClosedAfterTheIdleTimeout() async throws {
    let server = try await Self.receiver(ConnectionLimits(idleTimeout: .milliseconds(200), bodyTimeout: .seconds(60)))
    let received = try await ConnectionTests.send("", to: server.port)
    await server.stop()
    #expect(received.isEmpty)
  }

  @Test func aCallbackIsAnsweredWhile200IdleConnectionsAreOpen() async throws {
    let server = try await Self.receiver()
    try await withThrowingTaskGroup(of: Void.self) { group in
      let (opened, open) = AsyncStream.makeStream(of: Void.self)
      for _ in 0..<200 {
        group.addTask { _ = try await ConnectionTests.send("", to: server.port, connected: { open.yield() }) }
      }
      var count = 0
      for await _ in opened {
        count += 1
        if count == 200 { break }
      }
      let body = #"{"type":"ACTIVATION","transactionId":"T-idle","customerId":"C1","status":2}"#
      let answer = try await ConnectionTests.send(
        "POST /apisvc/v0/notification/callback HTTP/1.1\r\nHost: brand\r\nContent-Type: application/json\r\n"
          + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n" + body, to: server.port)
      #expect(answer.hasPrefix("HTTP/1.1 200 OK\r\n"), "\(answer)")
      group.cancelAll()
    }
    await server.stop()
  }
}

actor Order {
  var events: [String] = []
  func note(_ event: String) { events.append(event) }
}
