import ReachCatalogue

/// A plain-text table: columns padded to their widest cell, two spaces apart, the last column
/// left ragged (it holds free text such as summaries and paths). Every cell is one line made inert
/// for the terminal (``TerminalText/field(_:)``): a cell's line break or escape sequence is
/// printed as an escape, so no cell can forge a row or act on the terminal.
enum TextTable {
  static func render(_ header: [String], _ rows: [[String]]) -> String {
    let rows = rows.map { $0.map(TerminalText.field) }
    var widths = header.map(\.count)
    for row in rows {
      for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
    }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { i, cell in
        i == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
      }.joined(separator: "  ")
    }
    return ([line(header)] + rows.map(line)).joined(separator: "\n") + "\n"
  }
}
