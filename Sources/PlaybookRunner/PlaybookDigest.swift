import Crypto
public import Foundation

/// What reports and the journal name a playbook's text by: its SHA-256 (swift-crypto) in hex.
public enum PlaybookDigest {
  /// The lowercase hex SHA-256 of `bytes`.
  public static func sha256(_ bytes: some DataProtocol) -> String {
    SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
  }
}
