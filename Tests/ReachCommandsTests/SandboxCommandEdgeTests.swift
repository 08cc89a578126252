import Foundation
import HTTPTypes
import Hummingbird
import Testing

/// The sandbox commands' edges, through the binary.
@Suite struct SandboxCommandEdgeTests {
  /// `reach sandbox trigger` answered with a redirect: the binary says so on standard error, exits
  /// 1, and prints no body it did not get (an empty 307 printed as `null` on standard output).
  @Test(.enabled(if: ShippedPlaybooksTests.binaryBuilt)) func aRedirectPrintsNoBodyAndFails() async throws {
    let responder = CallbackResponder { (_: Request, _: BasicRequestContext) in
      Response(status: .temporaryRedirect, headers: [.location: "http://localhost:9/elsewhere"])
    }
    try await LoopbackServer.run(responder, label: "redirecting-sandbox") { port in
      let result = try await ShippedPlaybooksTests.reach(
        ["sandbox", "trigger", "PORT_OUT", "--customer", "C1", "--sandbox", "http://127.0.0.1:\(port)"],
        environment: ["REACH_JWT": "jwt-\(UUID())", "REACH_API_KEY": "key-\(UUID())"])
      #expect(result.status == 1)
      #expect(result.output.isEmpty)
      #expect(result.errors.contains("answered 307, a redirect: not followed"))
    }
  }

  /// `reach sandbox serve` on a port another server listens on: one sentence with the address,
  /// exit 1, and no throwaway credentials printed for a sandbox that never served.
  @Test(.enabled(if: ShippedPlaybooksTests.binaryBuilt)) func aPortInUsePrintsNoCredentials() async throws {
    let responder = CallbackResponder { (_: Request, _: BasicRequestContext) in Response(status: .ok) }
    try await LoopbackServer.run(responder, label: "port-holder") { port in
      let result = try await ShippedPlaybooksTests.reach(
        ["sandbox", "serve", "--host", "127.0.0.1", "--port", "\(port)"], environment: [:])
      #expect(result.status == 1, "\(result.output)\(result.errors)")
      #expect(result.errors.contains("cannot listen on 127.0.0.1:\(port): the port is in use"), "\(result.errors)")
      #expect(!(result.output + result.errors).contains("REACH_JWT"), "\(result.output)\(result.errors)")
    }
  }
}
