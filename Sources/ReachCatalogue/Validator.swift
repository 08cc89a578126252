/// A check on a field's value beyond its type. The runner, the validator of playbooks and the
/// sandbox all use these, so a value is judged the same way everywhere.
public enum Validator: Sendable, Hashable {
  /// 19–20 digits with a valid Luhn check digit.
  case iccid
  /// 15 digits with a valid Luhn check digit.
  case imei
  /// A 10-digit mobile directory number.
  case mdn
  /// A 5-digit US ZIP code.
  case zip
  /// An absolute `https://` URL (redirect and callback URLs, 2.2).
  case httpsURL
  /// Something with one `@` and a dot after it.
  case email
  /// A calendar date `YYYY-MM-DD`.
  case date
  /// One of a fixed set of strings.
  case oneOf([String])
  /// Not empty once trimmed.
  case nonEmpty
  /// A whole number within bounds.
  case range(Int, Int)

  /// A short name for listings (`ICCID`, `enum`, …).
  public var name: String {
    switch self {
    case .iccid: return "iccid"
    case .imei: return "imei"
    case .mdn: return "mdn"
    case .zip: return "zip"
    case .httpsURL: return "https-url"
    case .email: return "email"
    case .date: return "date"
    case .oneOf: return "enum"
    case .nonEmpty: return "non-empty"
    case .range: return "range"
    }
  }

  /// What the validator accepts, in words, for messages and docs.
  public var rule: String {
    switch self {
    case .iccid: return "19 or 20 digits with a valid Luhn check digit"
    case .imei: return "15 digits with a valid Luhn check digit"
    case .mdn: return "10 digits"
    case .zip: return "5 digits"
    case .httpsURL: return "an https:// URL"
    case .email: return "an email address"
    case .date: return "a date YYYY-MM-DD"
    case .oneOf(let values): return "one of " + values.joined(separator: "|")
    case .nonEmpty: return "not empty"
    case .range(let lo, let hi): return "a whole number from \(lo) to \(hi)"
    }
  }

  /// Nil when `value` passes, otherwise the reason it does not, without echoing the value.
  public func problem(with value: JSONValue) -> String? {
    if case .range(let lo, let hi) = self {
      guard let n = value.intValue, n >= lo, n <= hi else { return "must be \(rule)" }
      return nil
    }
    guard let text = value.stringValue else { return "must be \(rule)" }
    switch self {
    case .iccid:
      return Validator.digitProblem(text, lengths: 19...20, luhn: true, what: "an ICCID")
    case .imei:
      return Validator.digitProblem(text, lengths: 15...15, luhn: true, what: "an IMEI")
    case .mdn:
      return Validator.digitProblem(text, lengths: 10...10, luhn: false, what: "an MDN")
    case .zip:
      return Validator.digitProblem(text, lengths: 5...5, luhn: false, what: "a ZIP code")
    // The checks below read Unicode scalars, not Characters: a combining mark after "/" or "@"
    // must not hide it (and OpenAPIDocument's patterns, which read code points, agree).
    case .httpsURL:
      let scalars = text.unicodeScalars
      let scheme = String(String.UnicodeScalarView(scalars.prefix(8))).lowercased()
      guard scheme == "https://" else {
        return scheme.hasPrefix("http://") ? "must use https:// (2.2: HTTP is rejected)" : "must be \(rule)"
      }
      let host = scalars.dropFirst(8).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
      guard !host.isEmpty, !host.contains(" ") else { return "must be an https:// URL with a host" }
      return nil
    case .email:
      let parts = text.unicodeScalars.split(separator: "@", omittingEmptySubsequences: false)
      guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), parts[1].last != ".",
        !text.unicodeScalars.contains(" ")
      else { return "must be \(rule)" }
      return nil
    case .date:
      let parts = text.split(separator: "-", omittingEmptySubsequences: false)
      // ASCII digits only: `Int` would also read "+1" for a month.
      guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
        parts.allSatisfy({ $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }),
        let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
        y >= 1900, (1...12).contains(m), (1...31).contains(d)
      else { return "must be \(rule)" }
      return nil
    case .oneOf(let values):
      return values.contains(text) ? nil : "must be \(rule)"
    case .nonEmpty:
      // By scalar: a combining mark after a space is content (and the document's pattern agrees).
      return text.unicodeScalars.allSatisfy(\.properties.isWhitespace) ? "must not be empty" : nil
    case .range:
      return nil
    }
  }

  private static func digitProblem(
    _ text: String, lengths: ClosedRange<Int>, luhn: Bool, what: String
  ) -> String? {
    guard text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
      return "must be \(what): digits only"
    }
    guard lengths.contains(text.count) else {
      let expected =
        lengths.lowerBound == lengths.upperBound
        ? "\(lengths.lowerBound)" : "\(lengths.lowerBound)–\(lengths.upperBound)"
      return "must be \(what) of \(expected) digits, got \(text.count)"
    }
    if luhn, !Luhn.isValid(text) {
      return "must be \(what) with a valid Luhn check digit"
    }
    return nil
  }
}
