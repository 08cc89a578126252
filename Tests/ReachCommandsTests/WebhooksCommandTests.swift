import ArgumentParser
import Testing

@testable import ReachCommands

/// `reach webhooks serve`: HTTPS options and the plain-HTTP-only-on-loopback rule.
@Suite struct WebhooksCommandTests {
  static func problem(_ arguments: [String]) -> String? {
    do {
      _ = try WebhooksCommand.Serve.parse(arguments)
      return nil
    } catch {
      return WebhooksCommand.Serve.message(for: error)
    }
  }

  @Test func plainHTTPIsServedOnlyOnLoopbackUnlessForced() {
    #expect(Self.problem([]) == nil)
    #expect(Self.problem(["--host", "::1"]) == nil)
    #expect(
      Self.problem(["--host", "0.0.0.0"])
        == "plain HTTP is served only on loopback, and 0.0.0.0 is not: the platform calls HTTPS endpoints (2.2); give --tls-cert and --tls-key, terminate TLS in front of the receiver, or pass --allow-plain-http"
    )
    #expect(Self.problem(["--host", "0.0.0.0", "--allow-plain-http"]) == nil)
    #expect(Self.problem(["--host", "0.0.0.0", "--tls-cert", "c.pem", "--tls-key", "k.pem"]) == nil)
    #expect(Self.problem(["--host", "0.0.0.0", "--tls-self-signed"]) == nil)
  }

  /// `--forward-to` follows the client's rules: http:// only to loopback, refused before anything runs.
  @Test func forwardingInClearTextIsOnlyForLoopback() {
    #expect(
      Self.problem(["--forward-to", "http://brand.example/events"])
        == "--forward-to: refusing to send to brand.example:80 in clear text: plain http:// is allowed only on "
        + "loopback (localhost, 127.0.0.0/8, ::1); use https://")
    #expect(Self.problem(["--forward-to", "https://brand.example/events"]) == nil)
    #expect(Self.problem(["--forward-to", "http://127.0.0.1:9000/events"]) == nil)
    #expect(Self.problem(["--forward-to", "ftp://brand.example/"]) != nil)
  }

  @Test func certificateAndKeyComeTogether() {
    let message = "give --tls-cert and --tls-key together: the certificate chain and its private key"
    #expect(Self.problem(["--tls-cert", "c.pem"]) == message)
    #expect(Self.problem(["--tls-key", "k.pem"]) == message)
    #expect(
      Self.problem(["--tls-cert", "c.pem", "--tls-key", "k.pem", "--tls-self-signed"])
        == "give either --tls-cert/--tls-key or --tls-self-signed, not both")
  }

  @Test func aSelfSignedCertificateCoversLoopbackAndTheServedHost() {
    #expect(WebhooksCommand.Serve.selfSignedHosts("127.0.0.1") == ["127.0.0.1", "localhost", "::1"])
    #expect(WebhooksCommand.Serve.selfSignedHosts("0.0.0.0") == ["127.0.0.1", "localhost", "::1"])
    #expect(
      WebhooksCommand.Serve.selfSignedHosts("hooks.brand.example") == [
        "127.0.0.1", "localhost", "::1", "hooks.brand.example",
      ])
  }
}
