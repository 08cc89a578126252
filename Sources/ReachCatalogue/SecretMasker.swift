import Synchronization

/// Masking by value, as CI systems do: every value that is a secret (a credential, a value of a
/// sensitive field in a request or an answer, an input declared `secret: true`, and whatever a
/// playbook computes from one) is registered with the run's one masker, and every channel (the
/// console, the journal, the reports, error messages) writes through it.
///
/// A registered secret is masked in the forms it takes on its way anywhere: as is, JSON-escaped,
/// URL- and form-encoded, escaped for HTML, XML and Markdown, and in Base64 (standard and URL-safe, padded or not, at
/// any alignment inside a longer Base64 text, and as the `clientapi|<JWT>` of the Authorization
/// header). A masked value shows as `***`; a card number (13 to 19 digits with a valid Luhn check)
/// as `***` and its last four digits, never more.
///
/// Short values are not registered, since masking them would mangle ordinary text wherever they
/// occur: a value needs `minimumLength` (4) characters, and one of digits only `minimumDigits`
/// (6), since 4- and 5-digit runs are everywhere (ids, times, counts). Such a value (a 4-digit
/// port-in PIN, a 3-digit CVV) is still masked where it is the value of a sensitive field (see
/// `SensitiveFields`): field masking and value masking work together.
public final class SecretMasker: Sendable {
  public static let mask = "***"
  /// The shortest value registered (and the shortest encoded form searched for).
  public static let minimumLength = 4
  /// The shortest value of digits only registered.
  public static let minimumDigits = 6

  /// Whether `value` is long enough to be registered (see the rule above).
  public static func isMaskable(_ value: String) -> Bool {
    let count = value.utf8.count
    guard count >= minimumLength else { return false }
    return count >= minimumDigits || !value.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
  }

  /// One text to find and what replaces it.
  struct Needle: Sendable {
    let bytes: [UInt8]
    let replacement: [UInt8]
  }

  /// The needles by their first byte, longest first in each bucket, so that a secret that
  /// contains another is masked whole.
  struct Table: Sendable {
    var secrets: Set<String> = []
    var buckets: [[Needle]] = Array(repeating: [], count: 256)
    /// One bit for each pair of first two bytes that some needle starts with: most positions of
    /// a text are passed over on this test alone.
    var pairs = [UInt64](repeating: 0, count: 1024)
    var needles = 0

    static func pair(_ first: UInt8, _ second: UInt8) -> (word: Int, bit: UInt64) {
      let key = Int(first) << 8 | Int(second)
      return (key >> 6, 1 << UInt64(key & 63))
    }
  }

  private let table = Mutex(Table())

  public init(_ secrets: [String] = []) {
    for secret in secrets { register(secret) }
  }

  /// Whether nothing is registered (masking is then a no-op).
  public var isEmpty: Bool { table.withLock { $0.needles == 0 } }

  /// Registers `secret` and its encoded forms; a value too short (see `isMaskable`) is ignored,
  /// and so is one masked already (holding `***`: registering a card's `***1234` would mask the
  /// last four digits its mask keeps). Returns whether it was registered now.
  @discardableResult
  public func register(_ secret: String) -> Bool {
    guard Self.isMaskable(secret), !secret.contains(Self.mask) else { return false }
    let isNew = table.withLock { $0.secrets.insert(secret).inserted }
    guard isNew else { return false }
    let needles = Self.needles(for: secret)
    table.withLock { table in
      for needle in needles {
        let first = Int(needle.bytes[0])
        var bucket = table.buckets[first]
        guard !bucket.contains(where: { $0.bytes == needle.bytes }) else { continue }
        bucket.append(needle)
        bucket.sort { $0.bytes.count > $1.bytes.count }
        table.buckets[first] = bucket
        let (word, bit) = Table.pair(needle.bytes[0], needle.bytes[1])
        table.pairs[word] |= bit
        table.needles += 1
      }
    }
    return true
  }

  /// Registers every string and number inside `value` (a secret object or list is secret throughout).
  public func register(_ value: JSONValue) {
    switch value {
    case .string(let text): register(text)
    case .int, .double: register(value.jsonText())
    case .array(let items): for item in items { register(item) }
    case .object(let object): for member in object.values { register(member) }
    case .null, .bool: break
    }
  }

  /// Whether `text` is itself a registered secret.
  public func isSecret(_ text: String) -> Bool {
    table.withLock { $0.secrets.contains(text) }
  }

  /// `text` with every registered secret, in every form, masked. Cheap when there is nothing to
  /// mask: one pass over the bytes, each pair looked up in a bit table of the needles' first two
  /// bytes.
  public func mask(_ text: String) -> String {
    let snapshot = table.withLock { $0.needles == 0 ? nil : ($0.buckets, $0.pairs) }
    guard let (buckets, pairs) = snapshot else { return text }
    var text = text
    let masked: [UInt8]? = text.withUTF8 { bytes in
      var out: [UInt8] = []
      var copied = 0
      var i = 0
      while i + 1 < bytes.count {
        let (word, bit) = Table.pair(bytes[i], bytes[i + 1])
        guard pairs[word] & bit != 0 else {
          i += 1
          continue
        }
        if let needle = buckets[Int(bytes[i])].first(where: { Self.matches($0.bytes, bytes, at: i) }) {
          if out.isEmpty { out.reserveCapacity(bytes.count) }
          out.append(contentsOf: bytes[copied..<i])
          out.append(contentsOf: needle.replacement)
          i += needle.bytes.count
          copied = i
        } else {
          i += 1
        }
      }
      guard copied > 0 else { return nil }
      out.append(contentsOf: bytes[copied..<bytes.count])
      return out
    }
    guard let masked else { return text }
    return String(decoding: masked, as: UTF8.self)
  }

  /// `value` with every string masked, and every number that is itself a secret replaced by `***`.
  public func mask(_ value: JSONValue) -> JSONValue {
    switch value {
    case .string(let text): return .string(mask(text))
    case .int, .double: return isSecret(value.jsonText()) ? .string(Self.mask) : value
    case .array(let items): return .array(items.map(mask))
    case .object(let object): return .object(object.mapValues(mask))
    case .null, .bool: return value
    }
  }

  /// What a secret shows as: `***`, or `***` and the last four digits of a card number.
  public static func replacement(for secret: String) -> String {
    isCardNumber(secret) ? mask + String(secret.suffix(4)) : mask
  }

  /// 13 to 19 digits with a valid Luhn check digit.
  public static func isCardNumber(_ text: String) -> Bool {
    (13...19).contains(text.utf8.count) && Luhn.isValid(text)
  }

  /// The forms a secret is searched for in, each at least `minimumLength` long.
  public static func forms(of secret: String) -> [String] {
    var forms = [secret, jsonEscaped(secret), jsonEscaped(secret).replacing("/", with: "\\/")]
    forms.append(PercentEncoding.encode(secret))
    forms.append(PercentEncoding.encode(secret).replacing("%20", with: "+"))
    for table in [MarkupEscaping.html, MarkupEscaping.xml, MarkupEscaping.markdown] {
      forms.append(MarkupEscaping.escape(secret, table))
    }
    for bytes in [Array(secret.utf8), Array("clientapi|\(secret)".utf8)] {
      let base64 = Base64.encode(bytes)
      forms.append(base64)
      forms.append(urlSafe(base64))
    }
    // Inside a longer Base64 text the secret starts at any of three alignments: the characters
    // that depend on the secret alone are searched for (those of the groups it shares with its
    // neighbours are not).
    let bytes = Array(secret.utf8)
    for offset in 0..<3 {
      let encoded = Array(Base64.encode(Array(repeating: 0, count: offset) + bytes).utf8)
      let start = offset == 0 ? 0 : 4
      let end = (offset + bytes.count) / 3 * 4
      guard end - start >= 8 else { continue }
      let core = String(decoding: encoded[start..<end], as: UTF8.self)
      forms.append(core)
      forms.append(urlSafe(core))
    }
    var seen: Set<String> = []
    return forms.filter { $0.utf8.count >= minimumLength && seen.insert($0).inserted }
  }

  private static func needles(for secret: String) -> [Needle] {
    let shown = Array(replacement(for: secret).utf8)
    return forms(of: secret).map { form in
      Needle(bytes: Array(form.utf8), replacement: form == secret ? shown : Array(mask.utf8))
    }
  }

  private static func matches(_ needle: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
    guard bytes.count - start >= needle.count else { return false }
    for k in 1..<needle.count where bytes[start + k] != needle[k] { return false }
    return true
  }

  private static func jsonEscaped(_ text: String) -> String {
    String(JSONValue.string(text).jsonText().dropFirst().dropLast())
  }

  private static func urlSafe(_ base64: String) -> String {
    String(base64.map { $0 == "+" ? "-" : $0 == "/" ? "_" : $0 }.filter { $0 != "=" })
  }
}
