import ReachCatalogue

/// RFC 4180 CSV: the first row names the columns; each later row becomes an object of strings.
enum CSVRows {
  static func parse(_ text: String) throws(RowError) -> [JSONValue] {
    let records = try self.records(text)
    guard let header = records.first else { return [] }
    var rows: [JSONValue] = []
    for (offset, record) in records.dropFirst().enumerated() {
      if record == [""] { continue }
      guard record.count == header.count else {
        throw RowError(line: offset + 2, message: "\(record.count) columns, but the header has \(header.count)")
      }
      rows.append(.object(Dictionary(zip(header, record.map(JSONValue.string)), uniquingKeysWith: { a, _ in a })))
    }
    return rows
  }

  static func records(_ text: String) throws(RowError) -> [[String]] {
    var records: [[String]] = []
    var record: [String] = []
    var field = ""
    var quoted = false
    var line = 1
    var chars = Array(text)[...]
    while let c = chars.popFirst() {
      if quoted {
        if c == "\"" {
          if chars.first == "\"" {
            field.append("\"")
            chars = chars.dropFirst()
          } else {
            quoted = false
          }
        } else {
          if c == "\n" { line += 1 }
          field.append(c)
        }
        continue
      }
      switch c {
      case "\"" where field.isEmpty: quoted = true
      case ",":
        record.append(field)
        field = ""
      case "\r\n", "\n":
        record.append(field)
        records.append(record)
        record = []
        field = ""
        line += 1
      case "\r": continue
      default: field.append(c)
      }
    }
    if quoted { throw RowError(line: line, message: "a quoted field is never closed") }
    if !field.isEmpty || !record.isEmpty {
      record.append(field)
      records.append(record)
    }
    return records
  }
}
