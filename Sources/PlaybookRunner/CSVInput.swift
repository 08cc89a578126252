import Foundation
public import Playbook
public import ReachCatalogue

/// A `csv` input that declares its columns: checked whole by one streaming pass before anything
/// is sent, then read row by row as a `foreach` needs them. Only counts and the lines of bad rows
/// stay in memory.
public struct CSVInput: Sendable, Hashable {
  public var name: String
  public var path: String
  public var columns: [Column]
  public var header: [String]
  /// Rows that are not blank, bad ones included.
  public var rowCount: Int
  /// Line → what is wrong with that row.
  public var badRows: [Int: String]

  /// The good rows: what a foreach over the input runs.
  public var goodRowCount: Int { rowCount - badRows.count }

  /// What expressions see as `inputs.<name>` (the rows themselves are only read by a foreach).
  var summary: JSONValue {
    ["path": .string(path), "rows": .int(goodRowCount), "badRows": .int(badRows.count)]
  }

  /// The streaming pass: the header must have every required column; each row the header's
  /// number of fields, every required column non-empty, and each column in `rules` (see
  /// `rules(for:in:)`) must pass its rule.
  static func scan(name: String, path: String, columns: [Column], rules validators: [String: Validator] = [:])
    throws(InputError) -> CSVInput
  {
    guard let reader = CSVReader(path: path) else {
      throw .unreadableFile(name: name, path: path, reason: InputError.why(cannotRead: path))
    }
    do throws(RowError) {
      guard let header = try reader.header() else {
        throw RowError(line: 1, message: "the file is empty; its first line must name the columns")
      }
      for column in columns where column.required && !header.contains(column.name) {
        throw RowError(
          line: 1, message: "the header has no '\(column.name)' column (it has \(header.joined(separator: ", ")))")
      }
      var input = CSVInput(name: name, path: path, columns: columns, header: header, rowCount: 0, badRows: [:])
      while let (line, fields) = try reader.next() {
        input.rowCount += 1
        if let problem = input.problem(fields, validators: validators) { input.badRows[line] = problem }
      }
      return input
    } catch {
      throw .badRow(name: name, path: path, line: error.line, message: error.message)
    }
  }

  /// The catalogue's rule for each column that a foreach over input `name` passes as is to a
  /// call (`customerId: ${{ row.customerId }}`): the rule of the field it is passed as.
  public static func rules(for name: String, in playbook: Playbook) -> [String: Validator] {
    var rules: [String: Validator] = [:]
    for step in playbook.allSteps {
      guard case .foreach(let foreach) = step.kind, ForeachExecutor.streamedInput(foreach.items) == name else {
        continue
      }
      for inner in foreach.steps.flatMap(\.selfAndDescendants) {
        guard case .call(let call) = inner.kind, let endpoint = Catalogue.endpoint(call.endpoint.value) else {
          continue
        }
        for argument in call.arguments {
          guard case .template(let template) = argument.value.kind, let path = template.single?.root.path,
            path.count == 2, path[0] == foreach.itemName,
            let rule = endpoint.fields.first(where: { $0.name == argument.key })?.validator
          else { continue }
          rules[path[1]] = rule
        }
      }
    }
    return rules
  }

  func problem(_ fields: [String], validators: [String: Validator]) -> String? {
    guard fields.count == header.count else { return "\(fields.count) columns, but the header has \(header.count)" }
    for column in columns {
      guard let index = header.firstIndex(of: column.name) else { continue }
      let value = fields[index].trimming(while: isFieldPadding)
      if value.isEmpty {
        if column.required { return "'\(column.name)' is empty" }
        continue
      }
      if let problem = validators[column.name]?.problem(with: .string(value)) {
        return "'\(column.name)' \(problem)"
      }
    }
    return nil
  }

  /// One row as the object a foreach item sees: every header column, trimmed.
  func row(_ fields: [String]) -> JSONValue {
    var object = [String: JSONValue](minimumCapacity: header.count)
    for (index, column) in header.enumerated() where index < fields.count {
      object[column] = .string(fields[index].trimming(while: isFieldPadding))
    }
    // An optional column left empty reads as null, so `default(row.reason, …)` works.
    for column in columns where object[column.name] == nil || object[column.name] == .string("") {
      object[column.name] = .null
    }
    return .object(object)
  }

  /// The value of the first declared column: how rows are named in the journal and reports.
  func key(_ row: JSONValue) -> String {
    guard let first = columns.first?.name else { return "" }
    return row[first]?.stringValue ?? ""
  }
}

/// What to do with a row that fails the streaming pass (`--on-bad-row`).
public enum BadRowPolicy: String, Sendable, Hashable, CaseIterable {
  /// Refuse the run before anything is sent (the default).
  case stop
  /// Report each bad row with its line and run the others.
  case skip
}

/// What a CSV field is trimmed of: spaces and tabs (Unicode's spaces and the tab, as Foundation's
/// `CharacterSet.whitespaces`), not line breaks. Used with `String.trimming(while:)`, which
/// returns a field without any as it is: most have none.
func isFieldPadding(_ character: Character) -> Bool {
  character.isWhitespace && !character.isNewline
}
