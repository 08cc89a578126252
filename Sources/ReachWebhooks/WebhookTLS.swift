import Foundation
public import HummingbirdTLS

/// The receiver's certificate chain and private key (PEM), for HTTPS: the platform calls only
/// HTTPS endpoints (2.2).
public struct WebhookTLS: Sendable {
  /// The certificate chain, leaf first: what a client trusts for a self-signed certificate.
  public let certificatePEM: String
  let privateKeyPEM: String
  let certificates: [NIOSSLCertificate]
  let privateKey: NIOSSLPrivateKey

  /// Parses the PEM texts; `certificateSource` and `keySource` name them in errors.
  public init(
    certificatePEM: String, privateKeyPEM: String, certificateSource: String = "the certificate",
    keySource: String = "the private key"
  ) throws(WebhookTLSError) {
    let certificates: [NIOSSLCertificate]
    do {
      certificates = try NIOSSLCertificate.fromPEMBytes(Array(certificatePEM.utf8))
    } catch {
      throw .invalidCertificate(certificateSource)
    }
    guard !certificates.isEmpty else { throw .invalidCertificate(certificateSource) }
    do {
      privateKey = try NIOSSLPrivateKey(bytes: Array(privateKeyPEM.utf8), format: .pem)
    } catch {
      throw .invalidKey(keySource)
    }
    self.certificates = certificates
    self.certificatePEM = certificatePEM
    self.privateKeyPEM = privateKeyPEM
  }

  /// Reads `--tls-cert` and `--tls-key`.
  public static func load(certificatePath: String, keyPath: String) throws(WebhookTLSError) -> WebhookTLS {
    func read(_ path: String) throws(WebhookTLSError) -> String {
      guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path) }
      return String(decoding: data, as: UTF8.self)
    }
    return try WebhookTLS(
      certificatePEM: read(certificatePath), privateKeyPEM: read(keyPath), certificateSource: certificatePath,
      keySource: keyPath)
  }

  /// The server side: this chain and key, TLS 1.2 or later.
  public var serverConfiguration: TLSConfiguration {
    TLSConfiguration.makeServerConfiguration(
      certificateChain: certificates.map { .certificate($0) }, privateKey: .privateKey(privateKey))
  }

  /// A client configuration that trusts this certificate (and only it): how a test or a check
  /// posts to a receiver with a self-signed certificate.
  public var trustingClientConfiguration: TLSConfiguration {
    var configuration = TLSConfiguration.makeClientConfiguration()
    configuration.trustRoots = .certificates(certificates)
    return configuration
  }

  /// A throwaway self-signed certificate (ECDSA P-256, valid for a day) for `hosts` (IP
  /// addresses or DNS names), made with the `openssl` command: for rehearsals on loopback, never
  /// for production. The key never touches the disk outside a private temporary folder that is
  /// removed at once.
  public static func selfSigned(hosts: [String] = ["127.0.0.1", "localhost", "::1"]) throws(WebhookTLSError)
    -> WebhookTLS
  {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reach-tls-\(UUID().uuidString)")
    do {
      try FileManager.default.createDirectory(
        at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    } catch {
      throw .openssl("cannot create a temporary folder: \(error.localizedDescription)")
    }
    defer { try? FileManager.default.removeItem(at: folder) }
    let key = folder.appendingPathComponent("key.pem").path
    let certificate = folder.appendingPathComponent("cert.pem").path
    let names = hosts.map { $0.allSatisfy { $0.isNumber || $0 == "." || $0 == ":" } ? "IP:\($0)" : "DNS:\($0)" }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
      "-keyout", key, "-out", certificate, "-days", "1", "-subj", "/CN=reach webhooks (self-signed)",
      "-addext", "subjectAltName=" + names.joined(separator: ","),
    ]
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    do {
      try process.run()
    } catch {
      throw .openssl("cannot run openssl: \(error.localizedDescription)")
    }
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      let reason =
        process.terminationStatus == 127
        ? "the openssl command is not installed" : message.split(separator: "\n").last.map(String.init) ?? ""
      throw .openssl(reason)
    }
    return try load(certificatePath: certificate, keyPath: key)
  }
}

public enum WebhookTLSError: Error, Sendable, Equatable, CustomStringConvertible {
  case unreadable(String)
  case invalidCertificate(String)
  case invalidKey(String)
  case openssl(String)

  public var description: String {
    switch self {
    case .unreadable(let path): return "cannot read \(path): give a PEM file that this user can read"
    case .invalidCertificate(let source):
      return "\(source) holds no PEM certificate (-----BEGIN CERTIFICATE-----); give the certificate chain, leaf first"
    case .invalidKey(let source):
      return "\(source) holds no PEM private key (-----BEGIN PRIVATE KEY-----) without a passphrase"
    case .openssl(let reason):
      return
        "cannot make a self-signed certificate: \(reason); give --tls-cert and --tls-key instead"
    }
  }
}
