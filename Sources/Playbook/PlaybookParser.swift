public import ReachCatalogue
import Yams

/// What parsing one file gives: the model when the file had a usable shape, and every problem.
public struct ParseResult: Sendable {
  public var playbook: Playbook?
  public var diagnostics: [Diagnostic]
}

/// YAML text → `Playbook`, reporting every problem of the file with its position: YAML syntax,
/// unknown keys (with "did you mean"), wrong shapes, malformed durations and expressions.
public enum PlaybookParser {
  public static let topLevelKeys = ["name", "description", "inputs", "vars", "steps", "outputs"]
  static let inputKeys = ["type", "required", "default", "description", "columns", "secret"]

  public static func parse(_ text: String, file: String) -> ParseResult {
    let start = SourceLocation(file: file, line: 1, column: 1)
    let size = text.utf8.count
    guard size <= PlaybookLimits.fileBytes else {
      let message = "the file has \(size) bytes; a playbook may have at most \(PlaybookLimits.fileBytes) (1 MiB)"
      return ParseResult(playbook: nil, diagnostics: [Diagnostic(start, message)])
    }
    let root: Node?
    do {
      root = try Yams.compose(yaml: text)
    } catch {
      return ParseResult(playbook: nil, diagnostics: [syntaxDiagnostic(error, file: file)])
    }
    let reader = YAMLReader(file: file, text: text)
    if let root, let beyond = PlaybookLimits.nodeBeyondBudget(in: root) {
      reader.report(
        reader.location(of: beyond),
        "the playbook expands to more than \(PlaybookLimits.yamlNodes) YAML values, aliases counted as what they stand for; an alias repeated inside aliases multiplies them (a \"billion laughs\")"
      )
      return ParseResult(playbook: nil, diagnostics: reader.diagnostics)
    }
    guard let root else {
      reader.report(start, "the playbook is empty; it needs at least 'name' and 'steps'")
      return ParseResult(playbook: nil, diagnostics: reader.diagnostics)
    }
    let playbook = parsePlaybook(root, reader: reader)
    return ParseResult(playbook: playbook, diagnostics: reader.diagnostics.sorted())
  }

  static func syntaxDiagnostic(_ error: any Error, file: String) -> Diagnostic {
    func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
    switch error as? YamlError {
    case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      let while_ = context.map { " (\($0.text) at line \($0.mark.line))" } ?? ""
      return Diagnostic(at(mark), "YAML syntax: \(problem)\(while_)")
    case .duplicatedKeysInMapping(let duplicates, let context):
      return Diagnostic(
        at(context.mark),
        "YAML syntax: duplicate key '\(duplicates.joined(separator: "', '"))'; each key may appear once in a mapping")
    case .reader(let problem, _, _, _):
      return Diagnostic(SourceLocation(file: file, line: 1, column: 1), "YAML syntax: \(problem)")
    default:
      return Diagnostic(SourceLocation(file: file, line: 1, column: 1), "YAML syntax: \(error)")
    }
  }

  private static func parsePlaybook(_ root: Node, reader: YAMLReader) -> Playbook? {
    guard let entries = reader.mapping(root, "a playbook") else { return nil }
    reader.checkKeys(entries, allowed: topLevelKeys, in: "the playbook")
    func entry(_ key: String) -> YAMLReader.Entry? { entries.first { $0.key == key } }

    var name = Located("", at: reader.location(of: root))
    if let node = entry("name")?.value {
      name = reader.located(node, "'name'") ?? name
    } else {
      reader.report(reader.location(of: root), "the playbook has no 'name'; add `name: <what it does>`")
    }
    let description = entry("description").flatMap { reader.string($0.value, "'description'") }
    let inputs = entry("inputs").map { parseInputs($0.value, reader: reader) } ?? []
    let vars = entry("vars").flatMap { reader.entries($0.value, "'vars'") } ?? []
    let outputs = entry("outputs").flatMap { reader.entries($0.value, "'outputs'") } ?? []
    var steps: [Step] = []
    if let node = entry("steps")?.value {
      steps = StepParser(reader: reader).steps(node, "'steps'")
    } else {
      reader.report(reader.location(of: root), "the playbook has no 'steps'; add a list of steps")
    }
    return Playbook(
      file: reader.file, name: name, description: description, inputs: inputs, vars: vars, steps: steps,
      outputs: outputs)
  }

  private static func parseInputs(_ node: Node, reader: YAMLReader) -> [Input] {
    guard let entries = reader.mapping(node, "'inputs'") else { return [] }
    var inputs: [Input] = []
    for entry in entries {
      var input = Input(name: entry.key, type: .string, location: entry.keyLocation)
      let what = "input '\(entry.key)'"
      switch entry.value {
      case .scalar(let scalar) where YAMLReader.scalarValue(scalar) != .null:
        // Short form: `customerId: string`.
        input.type = inputType(scalar.string, at: reader.location(of: entry.value), reader: reader) ?? .string
      case .scalar:
        break
      default:
        guard let fields = reader.mapping(entry.value, what) else { continue }
        reader.checkKeys(fields, allowed: inputKeys, in: what)
        for field in fields {
          switch field.key {
          case "type":
            if let text = reader.string(field.value, "the type of \(what)") {
              input.type = inputType(text, at: reader.location(of: field.value), reader: reader) ?? .string
            }
          case "required": input.required = reader.bool(field.value, "'required' of \(what)") ?? false
          case "secret": input.secret = reader.bool(field.value, "'secret' of \(what)") ?? false
          case "default":
            guard let value = reader.value(field.value) else { continue }
            guard let literal = value.literal else {
              reader.report(value.location, "the default of \(what) must be a plain value, not an expression")
              continue
            }
            input.defaultValue = literal
          case "columns":
            input.columns = columns(field.value, what, reader: reader)
          default: break
          }
        }
        if input.columns != nil, input.type != .csv, let field = fields.first(where: { $0.key == "columns" }) {
          reader.report(field.keyLocation, "'columns' belongs to a csv input; \(what) is \(input.type.article)")
        }
        if let value = input.defaultValue, let field = fields.first(where: { $0.key == "default" }),
          !input.type.accepts(value)
        {
          reader.report(
            reader.location(of: field.value),
            "the default of \(what) must be \(input.type.article), not \(value.withArticle)")
        }
      }
      inputs.append(input)
    }
    return inputs
  }

  /// `columns: { customerId: required, reason: optional }`.
  private static func columns(_ node: Node, _ what: String, reader: YAMLReader) -> [Column]? {
    guard let entries = reader.mapping(node, "'columns' of \(what)") else { return nil }
    var columns: [Column] = []
    for entry in entries {
      let text = reader.string(entry.value, "column '\(entry.key)' of \(what)")
      guard text == "required" || text == "optional" else {
        if text != nil {
          reader.report(
            reader.location(of: entry.value), "column '\(entry.key)' of \(what) must be 'required' or 'optional'")
        }
        continue
      }
      columns.append(Column(name: entry.key, required: text == "required"))
    }
    return columns
  }

  private static func inputType(_ text: String, at location: SourceLocation, reader: YAMLReader) -> InputType? {
    if let type = InputType(rawValue: text) { return type }
    let names = InputType.allCases.map(\.rawValue)
    reader.report(
      location,
      "unknown input type '\(text)'\(YAMLReader.didYouMean(text, names)); types: \(names.joined(separator: ", "))")
    return nil
  }
}

extension InputType {
  /// Whether `value` (a default or a `--var`) fits the type. File-backed types take a path.
  public func accepts(_ value: JSONValue) -> Bool {
    switch (self, value) {
    case (.string, .string), (.string, .int), (.csv, .string), (.jsonl, .string): return true
    case (.number, .int), (.number, .double): return true
    case (.boolean, .bool): return true
    case (.object, .object): return true
    case (.list, .array): return true
    default: return false
    }
  }

  var article: String {
    switch self {
    case .string: return "a string"
    case .number: return "a number"
    case .boolean: return "a boolean"
    case .object: return "an object"
    case .list: return "a list"
    case .csv, .jsonl: return "a file path"
    }
  }
}
