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
    case .int(let i): JSONValue.writeInteger(i, into: &bytes)
    case .double(let d):
      // As `jsonText()`: a whole number without a fraction, anything else as Swift prints it.
      if let whole = JSONValue.wholeNumber(d) {
        JSONValue.writeInteger(whole, into: &bytes)
      } else if d.isFinite {
        bytes.append(contentsOf: d.description.utf8)
      } else {
        bytes.append(contentsOf: "null".utf8)
      }
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
      // The keys and their positions are sorted, not copies of the members: sorting
      // (key, value) pairs retained and released every value twice.
      var order: [(key: String, index: [String: JSONValue].Index)] = []
      order.reserveCapacity(members.count)
      for index in members.indices { order.append((members[index].key, index)) }
      order.sort { $0.key < $1.key }
      var first = true
      for (key, index) in order {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        JSONValue.writeString(key, into: &bytes)
        bytes.append(UInt8(ascii: ":"))
        members[index].value.write(into: &bytes)
      }
      bytes.append(UInt8(ascii: "}"))
    }
  }

  /// The decimal digits of `i`, without a `String` in between.
  static func writeInteger(_ i: Int, into bytes: inout [UInt8]) {
    guard i != 0 else { return bytes.append(UInt8(ascii: "0")) }
    if i < 0 { bytes.append(UInt8(ascii: "-")) }
    var magnitude = i.magnitude
    let start = bytes.count
    while magnitude > 0 {
      bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
      magnitude /= 10
    }
    bytes[start...].reverse()
  }

  /// A JSON string literal: the bytes as they are unless one needs an escape, found in one pass
  /// over the string's contiguous UTF-8.
  static func writeString(_ s: String, into bytes: inout [UInt8]) {
    var s = s
    let plain = s.withUTF8 { utf8 -> Bool in
      for byte in utf8 where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
        return false
      }
      bytes.append(UInt8(ascii: "\""))
      bytes.append(contentsOf: utf8)
      bytes.append(UInt8(ascii: "\""))
      return true
    }
    if !plain { bytes.append(contentsOf: JSONValue.string(s).jsonText().utf8) }
  }
}
