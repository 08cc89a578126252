import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ReachCatalogue
import ReachSandbox
import ReachServing
import Testing

@Suite("The standalone server")
struct ServerTests {
  actor PortBox {
    var port = 0
    func set(_ value: Int) { port = value }
  }

  /// Port 0 binds any free port; `onRunning` reports it and links use it.
  @Test func startsOnAnyFreePortAndReportsIt() async throws {
    let clock = ManualSandboxClock()
    let server = SandboxServer(credentials: .random(), clock: clock)
    let box = PortBox()
    let app = server.application(host: "127.0.0.1", port: 0, limits: .inProcess) { port in await box.set(port) }
    let credentials = server.credentials
    try await app.test(.live) { client in
      let bound = await box.port
      #expect(bound > 0)
      let caller = Caller(client: client, credentials: credentials, clock: clock)
      let id = try await caller.purchase(clientAccountId: "acct-live")
      clock.advance(by: .seconds(5))
      let pending = try await caller.call(.get, "/apisvc/v0/product/status/\(id)")
      #expect(pending["link.url"] == .string("http://127.0.0.1:\(bound)/__sandbox/pay/\(id)"))
    }
  }
}
