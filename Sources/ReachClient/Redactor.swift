public import ReachCatalogue
import Synchronization

/// Replaces secrets and PII with `***` in everything the client records, logs or prints: the
/// credentials in every encoded form, secrets learned at run time (generated access keys), the
/// auth headers, and the values of the catalogue's sensitive fields (PINs, carrier account
/// numbers, card data, OTPs).
public final class Redactor: Sendable {
  public static let mask = "***"
  /// Header names whose values are always masked.
  public static let secretHeaders: Set<String> = ["authorization", "x-api-key", "cookie", "set-cookie"]

  private let secrets: Mutex<[String]>
  public let sensitiveNames: Set<String>

  public init(secrets: [String] = [], sensitiveNames: Set<String> = SensitiveFields.names) {
    self.secrets = Mutex(Redactor.normalized(secrets))
    self.sensitiveNames = sensitiveNames
  }

  public convenience init(credentials: Credentials) {
    self.init(secrets: credentials.secretForms)
  }

  /// Adds a secret learned at run time (a generated access key, a port-in PIN from a CSV).
  public func learn(_ secret: String) {
    secrets.withLock { list in
      list = Redactor.normalized(list + [secret])
    }
  }

  /// `text` with every known secret masked.
  public func redact(_ text: String) -> String {
    let list = secrets.withLock { $0 }
    var result = text
    for secret in list where result.contains(secret) {
      result = result.replacing(secret, with: Redactor.mask)
    }
    return result
  }

  /// `value` with sensitive fields masked and secrets masked inside every string.
  public func redact(_ value: JSONValue) -> JSONValue {
    switch value {
    case .string(let s): return .string(redact(s))
    case .array(let items): return .array(items.map(redact))
    case .object(let object):
      var out: [String: JSONValue] = [:]
      for (key, member) in object {
        out[key] = isSensitive(key) && !member.isNull ? .string(Redactor.mask) : redact(member)
      }
      return .object(out)
    default: return value
    }
  }

  public func redact(headers: [(String, String)]) -> [(String, String)] {
    headers.map { name, value in
      (name, Redactor.secretHeaders.contains(name.lowercased()) || isSensitive(name) ? Redactor.mask : redact(value))
    }
  }

  public func isSensitive(_ name: String) -> Bool {
    sensitiveNames.contains(name)
  }

  /// Longest first, so a secret that contains another is masked whole; very short strings are
  /// skipped, since masking them would mangle ordinary text.
  private static func normalized(_ list: [String]) -> [String] {
    Array(Set(list.filter { $0.count >= 6 })).sorted { $0.count > $1.count }
  }
}
