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

  /// The run's masker: every secret this redactor learns is registered there, so every other
  /// channel that writes through it masks the same values.
  public let masker: SecretMasker
  public let sensitiveNames: Set<String>

  public init(
    secrets: [String] = [], sensitiveNames: Set<String> = SensitiveFields.names, masker: SecretMasker = SecretMasker()
  ) {
    self.masker = masker
    self.sensitiveNames = sensitiveNames
    for secret in secrets { masker.register(secret) }
  }

  /// A redactor that knows the credentials (and, through the masker, their encoded forms).
  public convenience init(credentials: Credentials, masker: SecretMasker = SecretMasker()) {
    self.init(secrets: [credentials.jwt, credentials.apiKey], masker: masker)
  }

  /// Adds a secret learned at run time (a generated access key, a port-in PIN from a CSV).
  public func learn(_ secret: String) {
    masker.register(secret)
  }

  /// Registers the value of every sensitive member of `value`, at any depth: the PINs a request
  /// carries, the access keys or OTP an answer carries.
  public func learnSensitive(in value: JSONValue) {
    switch value {
    case .array(let items): for item in items { learnSensitive(in: item) }
    case .object(let object):
      for (key, member) in object {
        if isSensitive(key) { masker.register(member) } else { learnSensitive(in: member) }
      }
    default: return
    }
  }

  /// `text` with every known secret masked.
  public func redact(_ text: String) -> String {
    masker.mask(text)
  }

  /// `value` with sensitive fields masked (and their values learned) and secrets masked inside
  /// every string.
  public func redact(_ value: JSONValue) -> JSONValue {
    switch value {
    case .string(let s): return .string(redact(s))
    case .array(let items): return .array(items.map(redact))
    case .object(let object):
      var out: [String: JSONValue] = [:]
      for (key, member) in object {
        if isSensitive(key) && !member.isNull {
          masker.register(member)
          out[key] = .string(Redactor.mask)
        } else {
          out[key] = redact(member)
        }
      }
      return .object(out)
    default: return masker.mask(value)
    }
  }

  /// `url` with every known secret masked, and the value of each query parameter named like a
  /// sensitive field (`?pin=…`) masked whatever its length.
  public func redactURL(_ url: String) -> String {
    let masked = redact(url)
    guard let question = masked.firstIndex(of: "?") else { return masked }
    let end = masked[question...].firstIndex(of: "#") ?? masked.endIndex
    let query = masked[masked.index(after: question)..<end].split(separator: "&", omittingEmptySubsequences: false)
    let redacted = query.map { pair -> String in
      guard let equals = pair.firstIndex(of: "=") else { return String(pair) }
      let name = String(pair[..<equals])
      guard pair.index(after: equals) < pair.endIndex, isSensitive(PercentEncoding.decode(name)) else {
        return String(pair)
      }
      return name + "=" + Redactor.mask
    }
    return masked[...question] + redacted.joined(separator: "&") + masked[end...]
  }

  public func redact(headers: [(String, String)]) -> [(String, String)] {
    headers.map { name, value in
      (name, Redactor.secretHeaders.contains(name.lowercased()) || isSensitive(name) ? Redactor.mask : redact(value))
    }
  }

  public func isSensitive(_ name: String) -> Bool {
    sensitiveNames.contains(name)
  }
}
