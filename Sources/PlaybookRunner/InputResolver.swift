import Foundation
public import Playbook
public import ReachCatalogue

/// The values a playbook's `inputs` take for one run: what was given, else the default; checked
/// against the declared types; `csv` and `jsonl` inputs read from the file their value names.
public struct InputResolver: Sendable {
  public var source: PlaybookSource

  public init(source: PlaybookSource = .fileSystem) {
    self.source = source
  }

  public func resolve(_ playbook: Playbook, given: [String: JSONValue]) throws(InputError) -> [String: JSONValue] {
    let names = playbook.inputs.map(\.name)
    for name in given.keys.sorted() where !names.contains(name) {
      throw .unknown(name: name, suggestion: Similarity.nearest(to: name, among: names, limit: 1).first, known: names)
    }
    var values: [String: JSONValue] = [:]
    for input in playbook.inputs {
      guard var value = given[input.name] ?? input.defaultValue else {
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
      if let value = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) { return value }
    case .string, .csv, .jsonl:
      break
    }
    return .string(text)
  }

  private func rows(
    _ name: String, _ value: JSONValue, parse: (String) throws(RowError) -> [JSONValue]
  ) throws(InputError) -> JSONValue {
    let path = value.stringValue ?? ""
    guard let text = source.read(path) else { throw .unreadableFile(name: name, path: path) }
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
      guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(line.utf8)) else {
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
