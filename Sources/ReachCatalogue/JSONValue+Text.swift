/// The one JSON writer: compact, deterministic bytes without Foundation (keys sorted, no
/// insignificant space unless `pretty`), for bodies sent and answered, generated documents,
/// reports and golden files alike. `jsonText()` is the same bytes as a `String`.
extension JSONValue {
  /// The JSON text of the value, as UTF-8 bytes.
  public func jsonBytes(pretty: Bool = false) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(256)
    write(into: &bytes, pretty: pretty, indent: 0)
    return bytes
  }

  /// The JSON text of the value.
  public func jsonText(pretty: Bool = false) -> String {
    String(decoding: jsonBytes(pretty: pretty), as: UTF8.self)
  }

  /// The value as it goes in a path, a query or a header: a string as it is, a boolean as
  /// `true` or `false`, anything else as JSON.
  public var parameterText: String {
    switch self {
    case .string(let text): return text
    case .bool(let value): return value ? "true" : "false"
    default: return jsonText()
    }
  }

  /// The whole number a double is written as, without a fraction; nil when it is written as
  /// Swift prints it (or as `null` when it is not finite).
  public static func wholeNumber(_ d: Double) -> Int? { abs(d) < 1e15 ? Int(exactly: d) : nil }

  private func write(into bytes: inout [UInt8], pretty: Bool, indent: Int) {
    switch self {
    case .null: bytes.append(contentsOf: "null".utf8)
    case .bool(let b): bytes.append(contentsOf: (b ? "true" : "false").utf8)
    case .int(let i): bytes.append(contentsOf: String(i).utf8)
    case .double(let d):
      if let whole = JSONValue.wholeNumber(d) {
        bytes.append(contentsOf: String(whole).utf8)
      } else if d.isFinite {
        bytes.append(contentsOf: d.description.utf8)
      } else {
        bytes.append(contentsOf: "null".utf8)
      }
    case .string(let s): JSONValue.writeString(s, into: &bytes)
    case .array(let elements):
      guard !elements.isEmpty else { return bytes.append(contentsOf: "[]".utf8) }
      bytes.append(UInt8(ascii: "["))
      for (i, element) in elements.enumerated() {
        if i > 0 { bytes.append(UInt8(ascii: ",")) }
        if pretty { JSONValue.newLine(indent + 1, into: &bytes) }
        element.write(into: &bytes, pretty: pretty, indent: indent + 1)
      }
      if pretty { JSONValue.newLine(indent, into: &bytes) }
      bytes.append(UInt8(ascii: "]"))
    case .object(let members):
      guard !members.isEmpty else { return bytes.append(contentsOf: "{}".utf8) }
      bytes.append(UInt8(ascii: "{"))
      for (i, key) in members.keys.sorted().enumerated() {
        if i > 0 { bytes.append(UInt8(ascii: ",")) }
        if pretty { JSONValue.newLine(indent + 1, into: &bytes) }
        JSONValue.writeString(key, into: &bytes)
        bytes.append(contentsOf: (pretty ? ": " : ":").utf8)
        members[key]!.write(into: &bytes, pretty: pretty, indent: indent + 1)
      }
      if pretty { JSONValue.newLine(indent, into: &bytes) }
      bytes.append(UInt8(ascii: "}"))
    }
  }

  private static func newLine(_ indent: Int, into bytes: inout [UInt8]) {
    bytes.append(UInt8(ascii: "\n"))
    bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * indent))
  }

  /// A JSON string literal: `"`, `\` and control characters escaped, everything else as is.
  private static func writeString(_ s: String, into bytes: inout [UInt8]) {
    bytes.append(UInt8(ascii: "\""))
    for byte in s.utf8 {
      switch byte {
      case UInt8(ascii: "\""): bytes.append(contentsOf: #"\""#.utf8)
      case UInt8(ascii: "\\"): bytes.append(contentsOf: #"\\"#.utf8)
      case UInt8(ascii: "\n"): bytes.append(contentsOf: #"\n"#.utf8)
      case UInt8(ascii: "\r"): bytes.append(contentsOf: #"\r"#.utf8)
      case UInt8(ascii: "\t"): bytes.append(contentsOf: #"\t"#.utf8)
      case ..<0x20:
        let hex = String(byte, radix: 16)
        bytes.append(contentsOf: (#"\u"# + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
      default: bytes.append(byte)
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }
}
