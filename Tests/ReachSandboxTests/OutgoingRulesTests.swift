import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ReachCatalogue
import ReachClient
import ReachSandbox
import Synchronization
import Testing

/// A listener on 127.0.0.1, port 0, that keeps the headers of each request it gets and answers
/// them all with `status` (and `location`, for a redirect).
final class HeaderRecorder: Sendable {
  private let seen = Mutex<[HTTPFields]>([])
  let status: HTTPResponse.Status
  let location: String?

  init(status: HTTPResponse.Status = .ok, location: String? = nil) {
    self.status = status
    self.location = location
  }

  var requests: [HTTPFields] { seen.withLock { $0 } }

  /// Runs `body` with the listener's port.
  func live(_ body: @escaping @Sendable (Int) async throws -> Void) async throws {
    let router = Router()
    router.on("**", method: .post) { request, _ -> Response in
      self.seen.withLock { $0.append(request.headers) }
      var headers = HTTPFields()
      if let location = self.location { headers[.location] = location }
      return Response(status: self.status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: "{}")))
    }
    let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    try await app.test(.live) { client in try await body(try #require(client.port)) }
  }
}

/// `reach sandbox trigger` and the sandbox's webhooks follow the client's rules: https, or http on
/// loopback only, refused before connecting; a redirect is an answer, so credentials never go to
/// the host it names.
@Suite(.timeLimit(.minutes(1))) struct OutgoingRulesTests {
  static let credentials = SandboxCredentials(jwt: "jwt-\(UUID())", apiKey: "key-\(UUID())")

  /// `http://0.0.0.0:PORT` reaches a loopback listener on Linux, but is not loopback by name:
  /// nothing connects, and the credentials stay home.
  @Test func triggerRefusesPlainHTTPOffLoopbackBeforeConnecting() async throws {
    let listener = HeaderRecorder()
    try await listener.live { port in
      await #expect(throws: TargetError.insecureURL("http://0.0.0.0:\(port)")) {
        _ = try await SandboxTrigger.fire(
          .portOut, customerId: "C1", sandboxURL: "http://0.0.0.0:\(port)", credentials: Self.credentials)
      }
    }
    #expect(listener.requests.isEmpty)
  }

  /// A loopback sandbox answering 307 to another loopback host (`localhost` for `127.0.0.1`):
  /// the trigger reports the 307, and the other host gets no request, so no credential.
  @Test func triggerNeverSendsCredentialsAcrossARedirect() async throws {
    let elsewhere = HeaderRecorder()
    try await elsewhere.live { otherPort in
      let redirecting = HeaderRecorder(
        status: .temporaryRedirect, location: "http://localhost:\(otherPort)/__sandbox/trigger/PORT_OUT")
      try await redirecting.live { port in
        let answer = try await SandboxTrigger.fire(
          .portOut, customerId: "C1", sandboxURL: "http://127.0.0.1:\(port)", credentials: Self.credentials)
        #expect(answer.status == 307)
      }
      #expect(redirecting.requests.count == 1)
      #expect(redirecting.requests.first?[.init("x-api-key")!] == Self.credentials.apiKey)
    }
    #expect(elsewhere.requests.isEmpty)
    #expect(!elsewhere.requests.contains { $0[.authorization] != nil || $0[.init("x-api-key")!] != nil })
  }

  /// The sandbox's webhooks: not in clear text off loopback, and a redirect is not followed.
  @Test func webhooksFollowTheSameRules() async throws {
    let transport = HTTPWebhookTransport()
    let elsewhere = HeaderRecorder()
    try await elsewhere.live { otherPort in
      await #expect(throws: TransportError.self) {
        _ = try await transport.post("http://0.0.0.0:\(otherPort)/apisvc/v0/notification", body: ["type": "X"])
      }
      let redirecting = HeaderRecorder(status: .permanentRedirect, location: "http://localhost:\(otherPort)/x")
      try await redirecting.live { port in
        let status = try await transport.post("http://127.0.0.1:\(port)/apisvc/v0/notification", body: ["type": "X"])
        #expect(status == 308)
      }
    }
    #expect(elsewhere.requests.isEmpty)
  }
}
