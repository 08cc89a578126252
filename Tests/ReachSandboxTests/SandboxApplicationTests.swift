import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import ReachCatalogue
import Synchronization
import Testing

@testable import ReachSandbox

/// The sandbox serves through HummingbirdCore's server, not `Application.run()`: the answers still
/// carry the `Date` and `Server` headers, and the date is formatted once a second.
@Suite("Sandbox application")
struct SandboxApplicationTests {
  @Test func dateHeaderIsTheHTTPDateOfTheSecond() {
    #expect(HTTPDateHeader.format(784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
    #expect(HTTPDateHeader.format(1_795_462_205) == "Mon, 23 Nov 2026 19:30:05 GMT")
    #expect(HTTPDateHeader.format(0) == "Thu, 01 Jan 1970 00:00:00 GMT")
  }

  @Test func dateHeaderChangesWithTheSecond() {
    let second = Mutex(784_111_777)
    var header = HTTPDateHeader(now: { second.withLock { $0 } })
    #expect(header.current() == "Sun, 06 Nov 1994 08:49:37 GMT")
    #expect(header.current() == "Sun, 06 Nov 1994 08:49:37 GMT")
    second.withLock { $0 += 1 }
    #expect(header.current() == "Sun, 06 Nov 1994 08:49:38 GMT")
  }

  /// `run` (what `reach sandbox serve` and the embedded sandbox use) answers over a real socket
  /// on a free port, with the sandbox's own answer and the two headers.
  @Test func runServesWithDateAndServerHeaders() async throws {
    let server = SandboxServer(credentials: .random(), clock: ManualSandboxClock())
    try await server.serving { port in try await Self.expectDateAndServerHeaders(port: port) }
  }

  static func expectDateAndServerHeaders(port: Int) async throws {
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
      #expect(date.wholeMatch(of: /[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT/) != nil, "\(date)")
      let json = try JSONDecoder().decode(JSONValue.self, from: Data(String(buffer: body).utf8))
      #expect(json["status"] == .int(401))
    } catch {
      try await client.shutdown()
      throw error
    }
    try await client.shutdown()
  }
}
