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

  /// `value` with the value of every sensitive member (at any depth) replaced by `***`.
  public static func masked(_ value: JSONValue) -> JSONValue {
    switch value {
    case .array(let items): return .array(items.map(masked))
    case .object(let object):
      var out: [String: JSONValue] = [:]
      for (key, member) in object {
        out[key] = isSensitive(key) && !member.isNull ? .string(mask) : masked(member)
      }
      return .object(out)
    default: return value
    }
  }
}
