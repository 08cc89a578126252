import Foundation

/// The one way JSON text becomes a `JSONValue` here (request and response bodies, journal
/// columns, reports read back): Foundation's `JSONDecoder` with `JSONValue`'s `Decodable`
/// conformance, behind a typed error. Numbers become `.int` when they are whole and fit.
///
/// `JSONDecoder` refuses what RFC 8259 refuses (leading zeros, bad escapes, lone surrogates,
/// control characters in strings, text after the value) and nesting deeper than 512, so a body
/// nested 100,000 deep is a clean refusal, not a stack overflow; it accepts a trailing comma
/// (`{"a":1,}`), which the sandbox therefore accepts too.
public enum JSONParser {
  /// The text is not exactly one JSON value.
  public struct Failure: Error {}

  /// The value `text` holds, or `Failure` if it is not exactly one JSON value.
  public static func parse(_ text: String) throws(Failure) -> JSONValue {
    try parse(bytes: Data(text.utf8))
  }

  /// The value these UTF-8 bytes hold, or `Failure` if they are not exactly one JSON value.
  public static func parse(bytes: some Sequence<UInt8>) throws(Failure) -> JSONValue {
    do {
      return try JSONDecoder().decode(JSONValue.self, from: bytes as? Data ?? Data(bytes))
    } catch {
      throw Failure()
    }
  }

  /// JSON's insignificant whitespace: space, line feed, carriage return, tab (RFC 8259 2).
  public static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
}
