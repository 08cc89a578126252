/// The two credentials of 1.1: the JWT and the API key. Never printed: `description` is masked.
public struct Credentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
  public let jwt: String
  public let apiKey: String

  public init(jwt: String, apiKey: String) {
    self.jwt = jwt
    self.apiKey = apiKey
  }

  /// `Basic ` + standard Base64 (not URL-safe) of the literal `clientapi|<JWT>` (1.2, steps 1–4).
  public var authorization: String { "Basic " + Base64.encode(Array("clientapi|\(jwt)".utf8)) }

  /// Every form in which these secrets could leak into text.
  public var secretForms: [String] {
    [
      jwt, apiKey, Base64.encode(Array("clientapi|\(jwt)".utf8)), Base64.encode(Array(jwt.utf8)),
      Base64.encode(Array(apiKey.utf8)),
    ]
  }

  public var description: String { "Credentials(jwt: ***, apiKey: ***)" }
  public var debugDescription: String { description }
}

/// Standard Base64 with padding (RFC 4648 §4), the alphabet 1.2 requires.
public enum Base64 {
  static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

  public static func encode(_ bytes: [UInt8]) -> String {
    var out: [UInt8] = []
    out.reserveCapacity((bytes.count + 2) / 3 * 4)
    var i = 0
    while i < bytes.count {
      let b0 = bytes[i], b1 = i + 1 < bytes.count ? bytes[i + 1] : 0, b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
      out.append(alphabet[Int(b0 >> 2)])
      out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
      out.append(i + 1 < bytes.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
      out.append(i + 2 < bytes.count ? alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
      i += 3
    }
    return String(decoding: out, as: UTF8.self)
  }

  public static func decode(_ text: String) -> [UInt8]? {
    var values: [UInt8] = []
    for byte in text.utf8 where byte != UInt8(ascii: "=") {
      guard let index = alphabet.firstIndex(of: byte) else { return nil }
      values.append(UInt8(index))
    }
    guard values.count % 4 != 1 else { return nil }
    var out: [UInt8] = []
    var i = 0
    while i + 1 < values.count {
      out.append(values[i] << 2 | values[i + 1] >> 4)
      if i + 2 < values.count { out.append(values[i + 1] << 4 | values[i + 2] >> 2) }
      if i + 3 < values.count { out.append(values[i + 2] << 6 | values[i + 3]) }
      i += 4
    }
    return out
  }
}
