import Foundation
import ReachCatalogue
import TestSupport
import Testing

@testable import ReachClient

/// The client behind a corporate proxy, against real servers on loopback: `RawServer` plays the
/// proxy (it answers `CONNECT` and then the requests of the tunnel as the target would). The
/// platform is named `platform.example`: loopback is never proxied, so a test reaches it by
/// another name.
@Suite(.timeLimit(.minutes(1))) struct ProxyTests {
  /// One call of the client through a transport of its own.
  static func send(
    _ target: Target, _ configuration: AsyncHTTPTransport.Configuration, policy: RetryPolicy = RetryPolicy()
  ) async throws -> ReachResponse {
    try await AsyncHTTPTransport.with(configuration) { transport in
      let client = ReachClient(target: target, transport: transport, clock: VirtualClock(), policy: policy)
      return try await client.send("customer.info", ["customerId": "C-1"])
    }
  }

  /// A proxy that answers `CONNECT` with 403: a clear error that says nothing was sent, at once
  /// (resending meets the same rule); the proxy saw the `CONNECT` alone, without the platform's
  /// credentials, and the target nothing.
  @Test func aProxyThatRefusesTheTunnelSaysNothingWasSent() async throws {
    let proxy = try await RawServer { _ in .bytes("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n") }
    let platform = try await RawServer { _ in .bytes(RawServer.answer()) }
    let credentials = TestSecrets.credentials()
    let target = try Target(
      name: "staging", baseURL: "https://platform.example:\(platform.port)", credentials: credentials)
    var configuration = try AsyncHTTPTransport.Configuration.forTarget(
      target, environment: ["HTTPS_PROXY": "http://127.0.0.1:\(proxy.port)"])
    configuration.dnsOverride = ["platform.example": "127.0.0.1"]
    do {
      _ = try await Self.send(target, configuration)
      Issue.record("no error")
    } catch {
      #expect(
        "\(error)"
          == "'customer.info': cannot connect to platform.example:\(platform.port) through the proxy at "
          + "127.0.0.1:\(proxy.port): the proxy refused to open a tunnel to it (is the host allowed through the "
          + "proxy? check the proxy variables, the target's proxy and NO_PROXY); nothing was sent")
    }
    // The name resolves to the platform's server here (the test's override names its address).
    #expect(
      proxy.requests.map { $0.head.split(separator: "\r\n").first } == ["CONNECT 127.0.0.1:\(platform.port) HTTP/1.1"])
    let connect = proxy.requests.map(\.head).joined()
    #expect(!connect.lowercased().contains("authorization:") && !connect.contains(credentials.apiKey))
    #expect(platform.connections == 0)
    try await proxy.stop()
    try await platform.stop()
  }

  /// A proxy that refuses the connection: tried again like any connection never made, then a
  /// clear error that names the proxy and says nothing was sent; the target got nothing.
  @Test func aProxyThatRefusesTheConnectionSaysNothingWasSent() async throws {
    let reserved = try ReservedPort()
    let port = reserved.port
    let platform = try await RawServer { _ in .bytes(RawServer.answer()) }
    let target = try Target(
      name: "staging", baseURL: "https://platform.example:\(platform.port)", credentials: TestSecrets.credentials())
    var configuration = try AsyncHTTPTransport.Configuration.forTarget(
      target, environment: ["https_proxy": "127.0.0.1:\(port)"])
    configuration.dnsOverride = ["platform.example": "127.0.0.1"]
    var policy = RetryPolicy()
    policy.maxUnavailableRetries = 1
    do {
      _ = try await Self.send(target, configuration, policy: policy)
      Issue.record("no error")
    } catch {
      #expect(
        "\(error)"
          == "'customer.info': cannot connect to platform.example:\(platform.port): the proxy at 127.0.0.1:\(port) "
          + "refused the connection (is HTTPS_PROXY, HTTP_PROXY or the target's proxy right?); nothing was sent")
    }
    #expect(platform.connections == 0)
    try await platform.stop()
    withExtendedLifetime(reserved) {}
  }

  /// A target's own proxy (reach.yaml `proxy:`) replaces the environment's; `none` reaches the
  /// target directly even when HTTPS_PROXY names one; `{ env: NAME }` reads a proxy URL with its
  /// credentials; NO_PROXY still applies.
  @Test func aTargetsOwnProxyReplacesTheEnvironments() async throws {
    let own = try await RawServer { request in
      request.head.hasPrefix("CONNECT ")
        ? .bytes("HTTP/1.1 200 Connection established\r\n\r\n") : .bytes(RawServer.answer(body: #"{"via":"own"}"#))
    }
    let environments = try await RawServer { _ in .bytes("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n") }
    let direct = try await RawServer { _ in .bytes(RawServer.answer(body: #"{"via":"direct"}"#)) }
    let environment = [
      "HTTP_PROXY": "http://127.0.0.1:\(environments.port)", "NO_PROXY": "direct.example",
      "CORP_PROXY": "http://ops:s3cret@127.0.0.1:\(own.port)",
    ]
    func via(_ proxy: TargetProxy?, _ url: String) async throws -> String {
      let target = try Target(
        name: "staging", baseURL: "https://platform.example", credentials: TestSecrets.credentials(), proxy: proxy)
      var configuration = try AsyncHTTPTransport.Configuration.forTarget(target, environment: environment)
      configuration.dnsOverride = ["platform.example": "127.0.0.1", "direct.example": "127.0.0.1"]
      configuration.allowsPlainHTTPOffLoopback = true
      return try await AsyncHTTPTransport.with(configuration) { transport in
        let answer = try await transport.send(TransportTests.request(url))
        return String(decoding: answer.body, as: UTF8.self)
      }
    }
    let ownProxy = TargetProxy.through(ProxySettings.Proxy(host: "127.0.0.1", port: own.port))
    #expect(try await via(ownProxy, "http://platform.example:8080/x") == #"{"via":"own"}"#)
    #expect(try await via(.environment("CORP_PROXY"), "http://platform.example:8080/x") == #"{"via":"own"}"#)
    #expect(try await via(.direct, "http://platform.example:\(direct.port)/x") == #"{"via":"direct"}"#)
    #expect(try await via(ownProxy, "http://direct.example:\(direct.port)/x") == #"{"via":"direct"}"#)
    let connects = own.requests.filter { $0.head.hasPrefix("CONNECT ") }.map { $0.head.lowercased() }
    #expect(connects.count == 2)
    #expect(!connects[0].contains("proxy-authorization"))
    #expect(connects[1].contains("proxy-authorization: basic " + "b3BzOnMzY3JldA==".lowercased()))
    #expect(environments.connections == 0)
    #expect(direct.requests.count == 2)
    // Without a proxy of its own, the target follows the environment: HTTP_PROXY's refuses.
    await #expect(throws: TransportError.self) { _ = try await via(nil, "http://platform.example:8080/x") }
    #expect(environments.connections == 1)
    for server in [own, environments, direct] { try await server.stop() }
  }
}
