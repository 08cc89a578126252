public import ReachCatalogue

/// The journal's own guard: whatever a caller hands it, the catalogue's sensitive fields (PINs,
/// carrier account numbers, keys, OTPs) are masked before they reach the file.
public enum JournalRedaction {
  static let extra: Set<String> = ["jwt", "apiKey", "cardNumber", "cvv", "pin", "token", "secret"]

  public static func mask(_ value: JSONValue) -> JSONValue {
    switch value {
    case .array(let items): return .array(items.map(mask))
    case .object(let object):
      var out: [String: JSONValue] = [:]
      for (key, member) in object {
        out[key] =
          (Catalogue.sensitiveNames.contains(key) || extra.contains(key)) && !member.isNull ? "***" : mask(member)
      }
      return .object(out)
    default: return value
    }
  }
}
