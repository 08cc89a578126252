import ReachCatalogue
import Yams

/// Reads Yams nodes into model values, collecting every problem as a diagnostic instead of
/// stopping at the first.
final class YAMLReader {
  let file: String
  private let lines: [Substring]
  private(set) var diagnostics: [Diagnostic] = []

  init(file: String, text: String) {
    self.file = file
    self.lines = text.split(separator: "\n", omittingEmptySubsequences: false)
  }

  func report(_ location: SourceLocation, _ message: String) {
    diagnostics.append(Diagnostic(location, message))
  }

  func location(of node: Node) -> SourceLocation {
    let mark = node.mark
    return SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
  }

  /// Where the text of a scalar starts: after the quote of a quoted scalar, on the next line of a
  /// block scalar.
  func contentStart(of node: Node) -> SourceLocation {
    let start = location(of: node)
    guard case .scalar(let scalar) = node else { return start }
    switch scalar.style {
    case .singleQuoted, .doubleQuoted: return start.advanced(by: 1)
    case .literal, .folded:
      let line = start.line + 1
      guard line - 1 < lines.count else { return start }
      let indent = lines[line - 1].prefix { $0 == " " }.count
      return SourceLocation(file: file, line: line, column: indent + 1)
    case .any, .plain: return start
    }
  }

  // MARK: Shapes

  struct Entry {
    var key: String
    var keyNode: Node
    var value: Node
    var keyLocation: SourceLocation
  }

  /// The entries of a mapping in order, or nil (reported) when `node` is not a mapping.
  func mapping(_ node: Node, _ what: String) -> [Entry]? {
    guard case .mapping(let mapping) = node else {
      report(location(of: node), "\(what) must be a mapping (key: value), not \(shape(of: node))")
      return nil
    }
    var entries: [Entry] = []
    for (keyNode, value) in mapping {
      guard case .scalar(let key) = keyNode else {
        report(location(of: keyNode), "keys of \(what) must be plain names")
        continue
      }
      entries.append(Entry(key: key.string, keyNode: keyNode, value: value, keyLocation: location(of: keyNode)))
    }
    return entries
  }

  func sequence(_ node: Node, _ what: String) -> [Node]? {
    guard case .sequence(let sequence) = node else {
      report(location(of: node), "\(what) must be a list, not \(shape(of: node))")
      return nil
    }
    return Array(sequence)
  }

  /// Reports every key that is not in `allowed`, with the nearest allowed key.
  func checkKeys(_ entries: [Entry], allowed: [String], in what: String) {
    for entry in entries where !allowed.contains(entry.key) {
      report(
        entry.keyLocation,
        "unknown key '\(entry.key)' in \(what)\(Self.didYouMean(entry.key, allowed)); expected one of: \(allowed.joined(separator: ", "))"
      )
    }
  }

  static func didYouMean(_ name: String, _ candidates: [String]) -> String {
    Similarity.nearest(to: name, among: candidates, limit: 1).first.map { " (did you mean '\($0)'?)" } ?? ""
  }

  func shape(of node: Node) -> String {
    switch node {
    case .scalar(let scalar):
      switch Self.scalarValue(scalar) {
      case .null: return "null"
      case .bool: return "a boolean"
      case .int, .double: return "a number"
      default: return "a string"
      }
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    case .alias: return "an alias"
    }
  }

  // MARK: Scalars

  /// A scalar's JSON value by the YAML 1.2 core schema (so `no` stays a string); quoted scalars
  /// are always strings.
  static func scalarValue(_ scalar: Node.Scalar) -> JSONValue {
    let text = scalar.string
    guard scalar.style == .plain || scalar.style == .any else { return .string(text) }
    switch text {
    case "", "~", "null", "Null", "NULL": return .null
    case "true", "True", "TRUE": return .bool(true)
    case "false", "False", "FALSE": return .bool(false)
    default: break
    }
    if let int = Int(text) { return .int(int) }
    let numeric = text.allSatisfy { $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }
    if numeric, text.contains(where: \.isNumber), let double = Double(text) { return .double(double) }
    return .string(text)
  }

  /// A scalar's text, or nil (reported) when the node is a mapping or list.
  func string(_ node: Node, _ what: String) -> String? {
    guard case .scalar(let scalar) = node else {
      report(location(of: node), "\(what) must be a string, not \(shape(of: node))")
      return nil
    }
    return scalar.string
  }

  func located(_ node: Node, _ what: String) -> Located<String>? {
    string(node, what).map { Located($0, at: location(of: node)) }
  }

  func int(_ node: Node, _ what: String) -> Int? {
    guard case .scalar(let scalar) = node, case .int(let value) = Self.scalarValue(scalar) else {
      report(location(of: node), "\(what) must be a whole number, not \(shape(of: node))")
      return nil
    }
    return value
  }

  func bool(_ node: Node, _ what: String) -> Bool? {
    guard case .scalar(let scalar) = node, case .bool(let value) = Self.scalarValue(scalar) else {
      report(location(of: node), "\(what) must be true or false, not \(shape(of: node))")
      return nil
    }
    return value
  }

  func duration(_ node: Node, _ what: String) -> Duration? {
    guard case .scalar(let scalar) = node, let duration = PlaybookDuration.parse(scalar.string) else {
      let shown = node.scalar.map { "'\($0.string)'" } ?? shape(of: node)
      report(location(of: node), "\(what) must be a duration such as 500ms, 5s, 2m or 1h, not \(shown)")
      return nil
    }
    return duration
  }

  // MARK: Templates and values

  /// A string that may hold `${{ … }}`.
  func template(_ node: Node, _ what: String) -> Template? {
    guard let text = string(node, what) else { return nil }
    do {
      return try Template(text, contentStart: contentStart(of: node))
    } catch {
      report(error.location, error.message)
      return nil
    }
  }

  /// A condition: `${{ … }}`, or bare expression text (`if: steps.info.status == 2`).
  func condition(_ node: Node, _ what: String) -> Template? {
    guard let text = string(node, what) else { return nil }
    if text.contains("${{") { return template(node, what) }
    if case .scalar(let scalar) = node, case .bool(let b) = Self.scalarValue(scalar) {
      return try? Template(expressionText: String(b), at: contentStart(of: node))
    }
    do {
      return try Template(expressionText: text, at: contentStart(of: node))
    } catch {
      report(error.location, error.message)
      return nil
    }
  }

  /// Any YAML value; strings with `${{` become templates.
  func value(_ node: Node) -> TemplateValue? {
    let location = location(of: node)
    switch node {
    case .scalar(let scalar):
      if scalar.string.contains("${{") {
        return template(node, "a value").map { TemplateValue(.template($0), at: location) }
      }
      return TemplateValue(.literal(Self.scalarValue(scalar)), at: location)
    case .sequence(let sequence):
      return TemplateValue(.list(sequence.compactMap { value($0) }), at: location)
    case .mapping:
      return TemplateValue(.object(entries(node, "a mapping") ?? []), at: location)
    case .alias:
      report(location, "aliases (*name) are not supported in playbooks; repeat the value")
      return nil
    }
  }

  /// A mapping of names to values (`with`, `vars`, `set`, `extract`, `outputs`).
  func entries(_ node: Node, _ what: String) -> [TemplateEntry]? {
    guard let entries = mapping(node, what) else { return nil }
    return entries.compactMap { entry in
      value(entry.value).map { TemplateEntry(key: entry.key, keyLocation: entry.keyLocation, value: $0) }
    }
  }
}
