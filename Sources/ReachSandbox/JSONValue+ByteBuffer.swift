import NIOCore
import ReachCatalogue

/// A response body written straight into bytes: the same compact text as `jsonText()` (keys
/// sorted, no insignificant space), without building a `String` first. Building the string cost
/// the sandbox a twelfth of its CPU on `GET customerinfo`.
extension JSONValue {
  /// The compact JSON text of the value, as the bytes of a response body.
  var jsonBuffer: ByteBuffer {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(512)
    write(into: &bytes)
    return ByteBuffer(bytes: bytes)
  }

  func write(into bytes: inout [UInt8]) {
    switch self {
    case .null: bytes.append(contentsOf: "null".utf8)
    case .bool(let b): bytes.append(contentsOf: (b ? "true" : "false").utf8)
    case .int(let i): bytes.append(contentsOf: String(i).utf8)
    case .double: bytes.append(contentsOf: jsonText().utf8)
    case .string(let s): JSONValue.writeString(s, into: &bytes)
    case .array(let elements):
      bytes.append(UInt8(ascii: "["))
      for (i, element) in elements.enumerated() {
        if i > 0 { bytes.append(UInt8(ascii: ",")) }
        element.write(into: &bytes)
      }
      bytes.append(UInt8(ascii: "]"))
    case .object(let members):
      bytes.append(UInt8(ascii: "{"))
      for (i, member) in members.sorted(by: { $0.key < $1.key }).enumerated() {
        if i > 0 { bytes.append(UInt8(ascii: ",")) }
        JSONValue.writeString(member.key, into: &bytes)
        bytes.append(UInt8(ascii: ":"))
        member.value.write(into: &bytes)
      }
      bytes.append(UInt8(ascii: "}"))
    }
  }

  /// A JSON string literal: the bytes as they are unless one needs an escape.
  static func writeString(_ s: String, into bytes: inout [UInt8]) {
    guard !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
      bytes.append(contentsOf: JSONValue.string(s).jsonText().utf8)
      return
    }
    bytes.append(UInt8(ascii: "\""))
    bytes.append(contentsOf: s.utf8)
    bytes.append(UInt8(ascii: "\""))
  }
}
