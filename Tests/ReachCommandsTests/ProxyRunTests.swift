import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ReachCatalogue
import Synchronization
import Testing

/// `reach run` against a target behind a corporate proxy that refuses it.
@Suite struct ProxyRunTests {
  /// An HTTP proxy on loopback port 0 that refuses every tunnel: each `CONNECT` is answered 403
  /// and noted.
  final class RefusingProxy: Sendable {
    private let requests = Mutex<[String]>([])
    var received: [String] { requests.withLock { $0 } }

    func run(_ body: @Sendable (Int) async throws -> Void) async throws {
      let responder = CallbackResponder { (request: Request, _: BasicRequestContext) in
        self.requests.withLock { $0.append("\(request.method) \(request.head.authority ?? "")") }
        return Response(status: .forbidden)
      }
      try await LoopbackServer.run(responder, label: "refusing-proxy", body)
    }
  }

  static let playbook = """
    name: Behind a proxy
    steps:
      - id: info
        call: customer.info
        with: { customerId: C-1 }
    """

  /// The step fails with the proxy's refusal, which says nothing was sent; the proxy saw the
  /// `CONNECT` alone; the HTTP Archive of the failed run holds the attempt, with no answer.
  @Test(.enabled(if: ShippedPlaybooksTests.binaryBuilt)) func aRefusingProxyFailsTheStepSayingNothingWasSent()
    async throws
  {
    let folder = try BulkRunTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let playbook = folder.appendingPathComponent("p.yaml").path
    try Self.playbook.write(toFile: playbook, atomically: true, encoding: .utf8)
    let har = folder.appendingPathComponent("run.har").path
    let proxy = RefusingProxy()
    try await proxy.run { port in
      let result = try await ShippedPlaybooksTests.reach(
        [
          "run", playbook, "--target", "https://platform.example", "--journal",
          folder.appendingPathComponent("j.sqlite").path, "--report", "har=\(har)",
        ],
        environment: [
          "HTTPS_PROXY": "http://127.0.0.1:\(port)", "REACH_JWT": "canary-jwt-\(UUID())",
          "REACH_API_KEY": "canary-key-\(UUID())",
        ])
      #expect(result.status == 1, "\(result.output)\(result.errors)")
      #expect(
        result.output.contains(
          "'customer.info': cannot connect to platform.example:443 through the proxy at 127.0.0.1:\(port): the proxy "
            + "refused to open a tunnel to it"), "\(result.output)")
      #expect(result.output.contains("; nothing was sent"))
    }
    // (The request as Hummingbird gives it: its authority without the port.)
    #expect(proxy.received == ["CONNECT platform.example"])
    let archive = try JSONParser.parse(bytes: Array(try String(contentsOfFile: har, encoding: .utf8).utf8))
    let entries = try #require(archive["log"]?["entries"]?.arrayValue)
    #expect(entries.count == 1)
    #expect(entries.first?["response"]?["status"] == 0)
    #expect(entries.first?["_error"]?.stringValue?.hasSuffix("nothing was sent") == true)
  }
}
