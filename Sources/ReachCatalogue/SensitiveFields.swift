/// Masking by field name: the catalogue's sensitive fields (PINs, carrier account numbers,
/// generated keys, OTPs) and the usual names of credentials and card data. The client's redactor,
/// the journal and the webhook store all mask through this one rule.
public enum SensitiveFields {
  public static let mask = "***"
  /// Names masked wherever they appear, beyond the catalogue's sensitive fields.
  public static let extraNames: Set<String> = [
    "cardNumber", "cvv", "cvc", "pan", "pin", "jwt", "apiKey", "token", "secret", "accessToken",
  ]
  public static let names: Set<String> = Catalogue.sensitiveNames.union(extraNames)

  public static func isSensitive(_ name: String) -> Bool { names.contains(name) }

  /// Whether an input or column name says it holds a secret: a sensitive name itself, or one that
  /// ends in one as a camel-case word (`correctedPin`, `retryCardNumber`, `newPassword`).
  public static func isSensitiveLike(_ name: String) -> Bool {
    names.contains(name) || camelCaseWords.contains { name.count > $0.count && name.hasSuffix($0) }
  }

  /// Each sensitive name as the last word of a camel-case name: `pin` → `Pin`.
  private static let camelCaseWords: [String] = names.map { $0.prefix(1).uppercased() + $0.dropFirst() }

  /// `value` with the value of every sensitive member (at any depth) replaced by `***`; each
  /// value masked is registered with `masker`, if given, so it is masked wherever else it goes.
  public static func masked(_ value: JSONValue, registeringIn masker: SecretMasker? = nil) -> JSONValue {
    switch value {
    case .array(let items): return .array(items.map { masked($0, registeringIn: masker) })
    case .object(let object):
      var out: [String: JSONValue] = [:]
      for (key, member) in object {
        if isSensitive(key) && !member.isNull {
          masker?.register(member)
          out[key] = .string(mask)
        } else {
          out[key] = masked(member, registeringIn: masker)
        }
      }
      return .object(out)
    default: return value
    }
  }
}
