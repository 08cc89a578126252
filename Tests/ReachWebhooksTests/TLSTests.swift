import AsyncHTTPClient
import Foundation
import HummingbirdTLS
import NIOCore
import NIOHTTP1
import ReachCatalogue
import ReachWebhooks
import Testing

/// HTTPS for the receiver: a certificate made at run time (never a committed PEM), a client that
/// trusts it, and the failures a misconfigured client or file meets.
@Suite struct TLSTests {
  static func post(
    _ client: HTTPClient, _ url: String, _ body: String, timeout: TimeAmount = .seconds(30)
  ) async throws -> (status: Int, body: JSONValue) {
    var request = HTTPClientRequest(url: url)
    request.method = .POST
    request.headers.add(name: "Content-Type", value: "application/json")
    request.body = .bytes(ByteBuffer(string: body))
    let response = try await client.execute(request, timeout: timeout)
    let buffer = try await response.body.collect(upTo: 1 << 20)
    return (
      Int(response.status.code),
      (try? JSONDecoder().decode(JSONValue.self, from: Data(buffer.readableBytesView))) ?? .null
    )
  }

  @Test func anHTTPSReceiverStoresWhatATrustingClientPostsAndRefusesOthers() async throws {
    let receiver = try await RunningWebhookServer.startHTTPS(store: try WebhookStore(path: temporaryStorePath()))
    let tls = try #require(receiver.tls)
    #expect(receiver.url == "https://127.0.0.1:\(receiver.port)")
    let trusting = HTTPClient(configuration: .init(tlsConfiguration: tls.trustingClientConfiguration))
    do {
      let callback = #"{"type":"PRODUCT_PURCHASE","transactionId":"TXN-TLS-1","customerId":"C1","status":"COMPLETED"}"#
      let first = try await Self.post(trusting, receiver.url + "/apisvc/v0/notification/callback", callback)
      let again = try await Self.post(trusting, receiver.url + "/apisvc/v0/notification/callback", callback)
      let notification = try await Self.post(
        trusting, receiver.url + "/apisvc/v0/notification",
        #"{"type":"PORT_OUT","customerId":"C1","eventTime":"2026-11-23T10:00:00Z"}"#)
      #expect(first.status == 200 && first.body["duplicate"] == false)
      #expect(again.status == 200 && again.body["duplicate"] == true)
      #expect(notification.status == 200)
      #expect(try receiver.store.events().map(\.type) == ["PRODUCT_PURCHASE", "PORT_OUT"])

      // A client that does not trust the certificate gets no answer at all (AsyncHTTPClient retries
      // a failed handshake until the request's deadline, hence a short one).
      await #expect(throws: (any Error).self) {
        _ = try await Self.post(
          HTTPClient.shared, receiver.url + "/apisvc/v0/notification/callback", callback, timeout: .seconds(1))
      }
      // Nor does plain HTTP on the HTTPS port.
      await #expect(throws: (any Error).self) {
        _ = try await Self.post(
          HTTPClient.shared, "http://127.0.0.1:\(receiver.port)/apisvc/v0/notification/callback",
          #"{"type":"ACTIVATION","transactionId":"PLAIN","status":2}"#, timeout: .seconds(3))
      }
      #expect(try receiver.store.count() == 2)
    } catch {
      try? await trusting.shutdown()
      await receiver.stop()
      throw error
    }
    try await trusting.shutdown()
    await receiver.stop()
  }

  @Test func badCertificateAndKeyFilesAreNamed() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reach-tls-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let good = try WebhookTLS.selfSigned()
    let cert = folder.appendingPathComponent("cert.pem").path
    let notAKey = folder.appendingPathComponent("key.pem").path
    try good.certificatePEM.write(toFile: cert, atomically: true, encoding: .utf8)
    try "not a key".write(toFile: notAKey, atomically: true, encoding: .utf8)
    let missing = folder.appendingPathComponent("missing.pem").path

    #expect(throws: WebhookTLSError.unreadable(missing)) {
      try WebhookTLS.load(certificatePath: missing, keyPath: cert)
    }
    #expect(throws: WebhookTLSError.invalidCertificate(notAKey)) {
      try WebhookTLS.load(certificatePath: notAKey, keyPath: notAKey)
    }
    #expect(throws: WebhookTLSError.invalidKey(notAKey)) {
      try WebhookTLS.load(certificatePath: cert, keyPath: notAKey)
    }
    #expect(
      WebhookTLSError.invalidKey(notAKey).description
        == "\(notAKey) holds no PEM private key (-----BEGIN PRIVATE KEY-----) without a passphrase")
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: reachBinary().path)))
  func serveWithASelfSignedCertificateAnswersOverHTTPS() async throws {
    let path = temporaryStorePath()
    let process = Process()
    process.executableURL = reachBinary()
    process.arguments = ["webhooks", "serve", "--port", "0", "--db", path, "--tls-self-signed"]
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
    var buffer = Data()
    var url: String?
    while url == nil {
      let chunk = out.fileHandleForReading.availableData
      guard !chunk.isEmpty else { break }
      buffer.append(chunk)
      let text = String(decoding: buffer, as: UTF8.self)
      if let range = text.range(of: #"https://127\.0\.0\.1:\d+"#, options: .regularExpression) {
        url = String(text[range])
      }
    }
    let base = try #require(url)
    // The certificate to trust is written beside the store; the key is not written anywhere.
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
    let pem = try String(contentsOf: folder.appendingPathComponent("webhooks-cert.pem"), encoding: .utf8)
    #expect(pem.hasPrefix("-----BEGIN CERTIFICATE-----") && !pem.contains("PRIVATE KEY"))
    let written = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    #expect(!written.contains { $0.contains("key") })
    var configuration = TLSConfiguration.makeClientConfiguration()
    configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(pem.utf8)))
    let client = HTTPClient(configuration: .init(tlsConfiguration: configuration))
    let answer = try await Self.post(
      client, base + "/apisvc/v0/notification/callback", #"{"type":"ACTIVATION","transactionId":"A1","status":2}"#)
    try await client.shutdown()
    kill(process.processIdentifier, SIGTERM)
    process.waitUntilExit()
    #expect(answer.status == 200)
    #expect(try WebhookStore(path: path).events().map(\.transactionId) == ["A1"])
  }
}
