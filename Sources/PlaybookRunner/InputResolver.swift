import Foundation
public import Playbook
public import ReachCatalogue

/// The values a playbook's `inputs` take for one run: what was given, else the default; checked
/// against the declared types; `csv` and `jsonl` inputs read from the file their value names.
public struct InputResolver: Sendable {
  public var source: PlaybookSource
  public var onBadRow: BadRowPolicy

  public init(source: PlaybookSource = .fileSystem, onBadRow: BadRowPolicy = .stop) {
    self.source = source
    self.onBadRow = onBadRow
  }

  /// The inputs, and the csv inputs that declare columns, checked by a streaming pass: these are
  /// not read into memory; `inputs.<name>` reads `{path, rows, badRows}` and a foreach over it
  /// reads the rows as it goes.
  public func resolveStreaming(_ playbook: Playbook, given: [String: JSONValue]) throws(InputError) -> (
    values: [String: JSONValue], streams: [String: CSVInput]
  ) {
    var values = try resolve(playbook, given: given, streaming: true)
    var streams: [String: CSVInput] = [:]
    for input in playbook.inputs where input.type == .csv {
      guard let columns = input.columns, let path = values[input.name]?.stringValue else { continue }
      let stream = try CSVInput.scan(
        name: input.name, path: path, columns: columns, rules: CSVInput.rules(for: input.name, in: playbook))
      if onBadRow == .stop, !stream.badRows.isEmpty {
        let first = stream.badRows.keys.sorted().prefix(10).map { "\(path):\($0): \(stream.badRows[$0]!)" }
        throw .badRows(name: input.name, count: stream.badRows.count, first: first)
      }
      streams[input.name] = stream
      values[input.name] = stream.summary
    }
    return (values, streams)
  }

  public func resolve(_ playbook: Playbook, given: [String: JSONValue]) throws(InputError) -> [String: JSONValue] {
    try resolve(playbook, given: given, streaming: false)
  }

  /// With `streaming`, csv inputs that declare columns keep their path (see `resolveStreaming`).
  func resolve(_ playbook: Playbook, given: [String: JSONValue], streaming: Bool) throws(InputError) -> [String:
    JSONValue]
  {
    if let unknown = InputError.unknown(in: given, of: playbook) { throw unknown }
    var values: [String: JSONValue] = [:]
    for input in playbook.inputs {
      // A null given (a `use` passing on an optional input of its own that was not given) is no
      // value: the input takes its default, or is missing.
      let givenValue: JSONValue? = given[input.name].flatMap { value in value.isNull ? JSONValue?.none : value }
      guard var value = givenValue ?? input.defaultValue else {
        if input.required { throw .missing(name: input.name) }
        values[input.name] = .null
        continue
      }
      // Text from the command line takes the declared type.
      if case .string(let text) = value, !input.type.accepts(value) {
        value = InputResolver.value(fromText: text, for: input.type)
      }
      guard input.type.accepts(value) else {
        throw .wrongType(name: input.name, expected: input.type.rawValue, got: value.withArticle)
      }
      switch input.type {
      case .csv where streaming && input.columns != nil: values[input.name] = value
      case .csv: values[input.name] = try rows(input.name, value, parse: CSVRows.parse)
      case .jsonl: values[input.name] = try rows(input.name, value, parse: InputResolver.jsonLines)
      case .string, .number, .boolean, .object, .list: values[input.name] = value
      }
    }
    return values
  }

  /// `--var name=value` arguments as given inputs (text; `resolve` gives them their types).
  public static func assignments(_ arguments: [String]) throws(InputError) -> [String: JSONValue] {
    var given: [String: JSONValue] = [:]
    for argument in arguments {
      guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
        throw .malformedAssignment(argument)
      }
      given[String(argument[..<equals])] = .string(String(argument[argument.index(after: equals)...]))
    }
    return given
  }

  /// A `--var name=value` text as the input's type: numbers, booleans, and JSON for objects and lists.
  public static func value(fromText text: String, for type: InputType) -> JSONValue {
    switch type {
    case .number:
      if let i = Int(text) { return .int(i) }
      if let d = Double(text) { return .double(d) }
    case .boolean:
      if text == "true" { return true }
      if text == "false" { return false }
    case .object, .list:
      if let value = try? JSONParser.parse(bytes: text.utf8) { return value }
    case .string, .csv, .jsonl:
      break
    }
    return .string(text)
  }

  private func rows(
    _ name: String, _ value: JSONValue, parse: (String) throws(RowError) -> [JSONValue]
  ) throws(InputError) -> JSONValue {
    let path = value.stringValue ?? ""
    guard let text = source.read(path) else {
      throw .unreadableFile(name: name, path: path, reason: InputError.why(cannotRead: path))
    }
    do {
      return .array(try parse(text))
    } catch {
      throw .badRow(name: name, path: path, line: error.line, message: error.message)
    }
  }

  static func jsonLines(_ text: String) throws(RowError) -> [JSONValue] {
    var rows: [JSONValue] = []
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      if line.allSatisfy(\.isWhitespace) { continue }
      guard let value = try? JSONParser.parse(bytes: line.utf8) else {
        throw RowError(line: index + 1, message: "not a JSON value")
      }
      rows.append(value)
    }
    return rows
  }
}

struct RowError: Error {
  var line: Int
  var message: String
}
