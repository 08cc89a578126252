import ReachCatalogue
import ReachClient
import Testing

@Suite struct AuthTests {
  @Test func headerBytesMatchTheGuideExample() {
    // 1.2, steps 1–4, with the guide's own truncated example JWT: its header, then "...".
    let header = Base64.encode(Array(#"{"alg":"HS256","typ":"JWT"}"#.utf8))
    let credentials = Credentials(jwt: header + "...", apiKey: "k")
    #expect(credentials.authorization == "Basic Y2xpZW50YXBpfGV5SmhiR2NpT2lKSVV6STFOaUlzSW5SNWNDSTZJa3BYVkNKOS4uLg==")
  }

  @Test func base64IsStandardNotURLSafe() {
    // 0xfb 0xff encodes to "+/8=" in the standard alphabet and "-_8=" in the URL-safe one.
    #expect(Base64.encode([0xFB, 0xFF]) == "+/8=")
    #expect(Base64.encode(Array("clientapi|".utf8)) == "Y2xpZW50YXBpfA==")
    #expect(Base64.decode("Y2xpZW50YXBpfA==").map { String(decoding: $0, as: UTF8.self) } == "clientapi|")
  }

  @Test func credentialsNeverPrintThemselves() {
    let credentials = TestSecrets.credentials()
    #expect(!"\(credentials)".contains(credentials.jwt))
    #expect(!String(reflecting: credentials).contains(credentials.apiKey))
  }

  @Test func httpIsRefusedUnlessLoopback() throws {
    let c = TestSecrets.credentials()
    #expect(throws: TargetError.insecureURL("http://staging.example")) {
      try Target(name: "t", baseURL: "http://staging.example", credentials: c)
    }
    #expect(throws: TargetError.invalidURL("ftp://x")) { try Target(name: "t", baseURL: "ftp://x", credentials: c) }
    _ = try Target(name: "t", baseURL: "https://staging.example/base/", credentials: c)
    _ = try Target(name: "t", baseURL: "http://127.0.0.1:8080", credentials: c)
    _ = try Target(name: "t", baseURL: "http://localhost:1", credentials: c)
    _ = try Target(name: "t", baseURL: "http://[::1]:1", credentials: c)
    #expect(throws: TargetError.insecureURL("http://127.0.0.1.evil.example")) {
      try Target(name: "t", baseURL: "http://127.0.0.1.evil.example", credentials: c)
    }
  }

  @Test func sentRequestsCarryBothHeadersAndBypassOnlyOnKeyGeneration() async throws {
    let server = ScriptedServer(statuses: [200, 200])
    let credentials = TestSecrets.credentials()
    try await server.run { url in
      let client = ReachClient(target: try TestSecrets.target(url, credentials), clock: VirtualClock())
      _ = try await client.call("customer.info", ["customerId": "C1"])
      _ = try await client.call("account.generateAccessKey", [:])
    }
    let received = server.received
    #expect(received.count == 2)
    for request in received {
      #expect(request.headers["authorization"] == credentials.authorization)
      #expect(request.headers["x-api-key"] == credentials.apiKey)
    }
    #expect(received[0].uri == "/apisvc/v0/customerinfo?customerId=C1")
    #expect(received[0].headers["bypass-token"] == nil)
    #expect(received[1].method == "PUT")
    #expect(received[1].uri == "/opssvc/v0/clientapi/account/generataccesskey")
    #expect(received[1].headers["bypass-token"] == "true")
  }
}
