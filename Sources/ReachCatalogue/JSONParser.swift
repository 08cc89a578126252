/// A small JSON parser straight to `JSONValue` over UTF-8 bytes, for the sandbox's request bodies
/// and the client's response bodies: Codable's `JSONDecoder` cost the sandbox a seventh of its
/// CPU on `PUT` requests, and a bulk run's runner as much per row. Numbers become `.int` when
/// they are whole and fit, as `JSONValue`'s `Decodable` conformance does.
public struct JSONParser {
  /// The text is not exactly one JSON value.
  public struct Failure: Error {}

  private let bytes: [UInt8]
  private var index = 0

  /// The value `text` holds, or `Failure` if it is not exactly one JSON value.
  public static func parse(_ text: String) throws(Failure) -> JSONValue {
    try parse(bytes: Array(text.utf8))
  }

  /// The value these UTF-8 bytes hold, or `Failure` if they are not exactly one JSON value.
  public static func parse(bytes: [UInt8]) throws(Failure) -> JSONValue {
    var parser = JSONParser(bytes: bytes)
    let value = try parser.value(depth: 0)
    parser.skipSpace()
    guard parser.index == parser.bytes.count else { throw Failure() }
    return value
  }

  private init(bytes: [UInt8]) { self.bytes = bytes }

  private static let maxDepth = 512

  /// JSON's insignificant whitespace: space, line feed, carriage return, tab (RFC 8259 2).
  public static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

  private mutating func skipSpace() {
    while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
  }

  private mutating func value(depth: Int) throws(Failure) -> JSONValue {
    guard depth < Self.maxDepth else { throw Failure() }
    skipSpace()
    guard index < bytes.count else { throw Failure() }
    switch bytes[index] {
    case UInt8(ascii: "{"): return try object(depth: depth)
    case UInt8(ascii: "["): return try array(depth: depth)
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): try literal("true"); return .bool(true)
    case UInt8(ascii: "f"): try literal("false"); return .bool(false)
    case UInt8(ascii: "n"): try literal("null"); return .null
    default: return try number()
    }
  }

  private mutating func literal(_ word: StaticString) throws(Failure) {
    let count = word.utf8CodeUnitCount
    guard index + count <= bytes.count else { throw Failure() }
    let matches = word.withUTF8Buffer { expected in
      expected.indices.allSatisfy { bytes[index + $0] == expected[$0] }
    }
    guard matches else { throw Failure() }
    index += count
  }

  private mutating func object(depth: Int) throws(Failure) -> JSONValue {
    index += 1
    var members: [String: JSONValue] = [:]
    skipSpace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      index += 1
      return .object(members)
    }
    while true {
      skipSpace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw Failure() }
      let key = try string()
      skipSpace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw Failure() }
      index += 1
      members[key] = try value(depth: depth + 1)
      skipSpace()
      guard index < bytes.count else { throw Failure() }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
      } else if bytes[index] == UInt8(ascii: "}") {
        index += 1
        return .object(members)
      } else {
        throw Failure()
      }
    }
  }

  private mutating func array(depth: Int) throws(Failure) -> JSONValue {
    index += 1
    var elements: [JSONValue] = []
    skipSpace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
      index += 1
      return .array(elements)
    }
    while true {
      elements.append(try value(depth: depth + 1))
      skipSpace()
      guard index < bytes.count else { throw Failure() }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
      } else if bytes[index] == UInt8(ascii: "]") {
        index += 1
        return .array(elements)
      } else {
        throw Failure()
      }
    }
  }

  private mutating func string() throws(Failure) -> String {
    index += 1
    let start = index
    // The common case: no escapes, so the bytes are the string.
    while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") {
      guard bytes[index] >= 0x20 else { throw Failure() }
      index += 1
    }
    guard index < bytes.count else { throw Failure() }
    var utf8 = Array(bytes[start..<index])
    while bytes[index] != UInt8(ascii: "\"") {
      if bytes[index] == UInt8(ascii: "\\") {
        index += 1
        guard index < bytes.count else { throw Failure() }
        let escape = bytes[index]
        index += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "u"): utf8.append(contentsOf: try unicodeEscape())
        default: throw Failure()
        }
      } else {
        guard bytes[index] >= 0x20 else { throw Failure() }
        utf8.append(bytes[index])
        index += 1
      }
      guard index < bytes.count else { throw Failure() }
    }
    index += 1
    return String(decoding: utf8, as: UTF8.self)
  }

  /// After `\u`: four hex digits, or a surrogate pair as two escapes; the scalar's UTF-8.
  private mutating func unicodeEscape() throws(Failure) -> [UInt8] {
    var value = try hex4()
    if (0xD800..<0xDC00).contains(value) {
      guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
      else { throw Failure() }
      index += 2
      let low = try hex4()
      guard (0xDC00..<0xE000).contains(low) else { throw Failure() }
      value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
    }
    guard let scalar = Unicode.Scalar(value) else { throw Failure() }
    return Array(String(Character(scalar)).utf8)
  }

  private mutating func hex4() throws(Failure) -> UInt32 {
    guard index + 4 <= bytes.count else { throw Failure() }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[index]
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: throw Failure()
      }
      value = value << 4 + UInt32(digit)
      index += 1
    }
    return value
  }

  private mutating func number() throws(Failure) -> JSONValue {
    let start = index
    if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
    let digitsStart = index
    while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
    let integerDigits = index - digitsStart
    guard integerDigits > 0, integerDigits == 1 || bytes[digitsStart] != UInt8(ascii: "0") else { throw Failure() }
    var whole = true
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      whole = false
      index += 1
      let fractionStart = index
      while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
      guard index > fractionStart else { throw Failure() }
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      whole = false
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
      let exponentStart = index
      while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
      guard index > exponentStart else { throw Failure() }
    }
    let text = String(decoding: bytes[start..<index], as: UTF8.self)
    if whole, let integer = Int(text) { return .int(integer) }
    guard let double = Double(text), double.isFinite else { throw Failure() }
    if let integer = Int(exactly: double) { return .int(integer) }
    return .double(double)
  }
}
