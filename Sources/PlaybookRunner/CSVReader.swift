import Foundation
import ReachCatalogue

/// Reads an RFC 4180 CSV one record at a time, a chunk of bytes at a time: memory stays flat
/// whatever the file's size. Each record comes with the line it starts on. The one CSV reader of
/// reach: streamed inputs read files with it, and whole csv inputs their text.
///
/// Lines end with CRLF, LF or a lone CR (old spreadsheets). A UTF-8 byte-order mark before the
/// header is dropped. Text that is not UTF-8, and NUL bytes, are refused with their line: such a
/// file is not the text it seems to be, and its values would be sent mangled.
final class CSVReader {
  private let handle: FileHandle?
  private var buffer: [UInt8] = []
  private var position = 0
  private var atEnd = false
  private var line = 1
  private var started = false
  /// The `outcome` column when the file is a row report (`RowCSVReport`): only its failed rows
  /// are read, so a run given the report of an earlier one runs what failed there.
  private var outcomeColumn: Int?
  static let chunkSize = 1 << 16

  /// Whether the file is a row report, of which only the failed rows are read.
  var readsFailedRowsOnly: Bool { outcomeColumn != nil }

  /// Nil when `path` names no readable file (a directory opens, but reads as nothing).
  init?(path: String) {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
      let handle = FileHandle(forReadingAtPath: path)
    else { return nil }
    self.handle = handle
  }

  /// Reads `bytes` already in memory.
  init(bytes: [UInt8]) {
    handle = nil
    buffer = bytes
    atEnd = true
  }

  deinit { try? handle?.close() }

  private func nextByte() -> UInt8? {
    if position == buffer.count {
      guard !atEnd, let handle else { return nil }
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

  /// Drops a UTF-8 byte-order mark at the very start, so that a quoted header after it still opens
  /// its quote.
  private func skipByteOrderMark() {
    guard !started else { return }
    started = true
    let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
    // The first chunk is read whole, so the mark is all in the buffer or not there.
    guard peekByte() == mark[0], buffer.count - position >= 3, Array(buffer[position..<position + 3]) == mark else {
      return
    }
    position += 3
  }

  private func text(_ field: [UInt8], line: Int) throws(RowError) -> String {
    guard let text = String(validating: field, as: UTF8.self) else {
      throw RowError(line: line, message: "not valid UTF-8 text; save the file as UTF-8")
    }
    return text
  }

  /// The next record and the line it starts on; nil at the end of the file. Blank lines are
  /// skipped, and so are the rows of a row report that did not fail (a row with the wrong number
  /// of fields is kept: the check names it).
  func next() throws(RowError) -> (line: Int, fields: [String])? {
    while let record = try record() {
      if let outcomeColumn, record.fields.count == RowCSVReport.columns.count + 1,
        record.fields[outcomeColumn].trimming(while: isFieldPadding) != RowResult.Outcome.failed.rawValue
      {
        continue
      }
      guard outcomeColumn != nil, let key = record.fields.first else { return record }
      // A row report's key was written for a spreadsheet (`CSVCell`): read back as it was.
      return (record.line, [CSVCell.decode(key)] + record.fields.dropFirst())
    }
    return nil
  }

  private func record() throws(RowError) -> (line: Int, fields: [String])? {
    skipByteOrderMark()
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
          fields.append(try text(field, line: line))
          return (start, fields)
        }
        sawAnything = true
        if byte == 0 { throw RowError(line: line, message: "a NUL byte: this is not a text file") }
        if quoted {
          if byte == UInt8(ascii: "\"") {
            if peekByte() == UInt8(ascii: "\"") {
              _ = nextByte()
              field.append(byte)
            } else {
              quoted = false
            }
          } else {
            if byte == UInt8(ascii: "\n") || (byte == UInt8(ascii: "\r") && peekByte() != UInt8(ascii: "\n")) {
              line += 1
            }
            field.append(byte)
          }
          continue
        }
        switch byte {
        case UInt8(ascii: "\"") where field.isEmpty: quoted = true
        case UInt8(ascii: ","):
          fields.append(try text(field, line: line))
          field = []
        case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
          // CRLF is one line end; a lone CR is one too.
          if byte == UInt8(ascii: "\r"), peekByte() == UInt8(ascii: "\n") { _ = nextByte() }
          fields.append(try text(field, line: line))
          line += 1
          if fields == [""] { break }
          return (start, fields)
        default: field.append(byte)
        }
        if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
      }
    }
  }

  /// The header: the first record, each name trimmed of spaces. A name given twice is refused:
  /// which of the two columns a row's value comes from would be a guess.
  func header() throws(RowError) -> [String]? {
    guard let (line, fields) = try record() else { return nil }
    let names = fields.map { $0.trimming(while: isFieldPadding) }
    if RowCSVReport.isReport(names) { outcomeColumn = 1 }
    var seen: Set<String> = []
    for name in names where !seen.insert(name).inserted {
      throw RowError(line: line, message: "the header names the column '\(name)' twice")
    }
    return names
  }
}
