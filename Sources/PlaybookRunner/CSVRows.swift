import ReachCatalogue

/// A whole csv input (one without declared columns): the first row names the columns; each later
/// row becomes an object of strings. Read by the one CSV reader (`CSVReader`).
enum CSVRows {
  static func parse(_ text: String) throws(RowError) -> [JSONValue] {
    let reader = CSVReader(bytes: Array(text.utf8))
    guard let header = try reader.header() else { return [] }
    var rows: [JSONValue] = []
    while let (line, record) = try reader.next() {
      guard record.count == header.count else {
        throw RowError(line: line, message: "\(record.count) columns, but the header has \(header.count)")
      }
      rows.append(.object(Dictionary(uniqueKeysWithValues: zip(header, record.map(JSONValue.string)))))
    }
    return rows
  }
}
