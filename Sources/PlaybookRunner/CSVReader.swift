import Foundation

/// Reads an RFC 4180 CSV file one record at a time, a chunk of bytes at a time: memory stays flat
/// whatever the file's size. Each record comes with the line it starts on.
final class CSVReader {
  private let handle: FileHandle
  private var buffer: [UInt8] = []
  private var position = 0
  private var atEnd = false
  private var line = 1
  static let chunkSize = 1 << 16

  /// Nil when `path` names no readable file (a directory opens, but reads as nothing).
  init?(path: String) {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
      let handle = FileHandle(forReadingAtPath: path)
    else { return nil }
    self.handle = handle
  }

  deinit { try? handle.close() }

  private func nextByte() -> UInt8? {
    if position == buffer.count {
      guard !atEnd else { return nil }
      let data = (try? handle.read(upToCount: Self.chunkSize)) ?? nil
      guard let data, !data.isEmpty else {
        atEnd = true
        return nil
      }
      buffer = [UInt8](data)
      position = 0
    }
    defer { position += 1 }
    return buffer[position]
  }

  private func peekByte() -> UInt8? {
    guard let byte = nextByte() else { return nil }
    position -= 1
    return byte
  }

  /// The next record and the line it starts on; nil at the end of the file. Blank lines are
  /// skipped; a UTF-8 byte-order mark before the header is dropped.
  func next() throws(RowError) -> (line: Int, fields: [String])? {
    while true {
      let start = line
      var fields: [String] = []
      var field: [UInt8] = []
      var quoted = false
      var sawAnything = false
      while true {
        guard let byte = nextByte() else {
          if quoted { throw RowError(line: start, message: "a quoted field is never closed") }
          if !sawAnything { return nil }
          fields.append(String(decoding: field, as: UTF8.self))
          return (start, fields)
        }
        sawAnything = true
        if quoted {
          if byte == UInt8(ascii: "\"") {
            if peekByte() == UInt8(ascii: "\"") {
              _ = nextByte()
              field.append(byte)
            } else {
              quoted = false
            }
          } else {
            if byte == UInt8(ascii: "\n") { line += 1 }
            field.append(byte)
          }
          continue
        }
        switch byte {
        case UInt8(ascii: "\"") where field.isEmpty: quoted = true
        case UInt8(ascii: ","):
          fields.append(String(decoding: field, as: UTF8.self))
          field = []
        case UInt8(ascii: "\n"):
          line += 1
          fields.append(String(decoding: field, as: UTF8.self))
          if fields == [""] { break }
          return (start, fields)
        case UInt8(ascii: "\r"): continue
        default: field.append(byte)
        }
        if byte == UInt8(ascii: "\n") { break }
      }
    }
  }

  /// The header: the first record, without a byte-order mark.
  func header() throws(RowError) -> [String]? {
    guard var fields = try next()?.fields else { return nil }
    if let first = fields.first, first.hasPrefix("\u{FEFF}") { fields[0] = String(first.dropFirst()) }
    return fields.map(\.trimmingSpaces)
  }
}
