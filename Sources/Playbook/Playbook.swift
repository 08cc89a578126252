public import ReachCatalogue

/// A playbook as written: what it takes, the variables it starts with, its steps, what it returns.
public struct Playbook: Sendable, Hashable {
  /// The file as it was named to the loader; `use` paths are relative to its directory.
  public var file: String
  public var name: Located<String>
  public var description: String?
  public var inputs: [Input]
  public var vars: [TemplateEntry]
  public var steps: [Step]
  public var outputs: [TemplateEntry]

  public init(
    file: String, name: Located<String>, description: String? = nil, inputs: [Input] = [],
    vars: [TemplateEntry] = [], steps: [Step] = [], outputs: [TemplateEntry] = []
  ) {
    self.file = file
    self.name = name
    self.description = description
    self.inputs = inputs
    self.vars = vars
    self.steps = steps
    self.outputs = outputs
  }

  public func input(named name: String) -> Input? {
    inputs.first { $0.name == name }
  }

  /// Every step, nested ones included, in document order.
  public var allSteps: [Step] { steps.flatMap(\.selfAndDescendants) }
}

/// One declared input: `customerId: { type: string, required: true }`.
public struct Input: Sendable, Hashable {
  public var name: String
  public var type: InputType
  public var required: Bool
  public var defaultValue: JSONValue?
  /// A `csv` input's declared columns (`columns: { customerId: required, reason: optional }`):
  /// such an input is streamed row by row, after a streaming pass that checks every row.
  public var columns: [Column]?
  /// `secret: true`: the value is masked in every output, report and the journal (see `isSecret`).
  public var secret: Bool
  public var location: SourceLocation

  public init(
    name: String, type: InputType, required: Bool = false, defaultValue: JSONValue? = nil,
    columns: [Column]? = nil, secret: Bool = false, location: SourceLocation
  ) {
    self.name = name
    self.secret = secret
    self.type = type
    self.required = required
    self.defaultValue = defaultValue
    self.columns = columns
    self.location = location
  }
}

extension Input {
  /// Declared `secret: true`, or named like a sensitive catalogue field (`password`,
  /// `correctedPin`, `retryCardNumber`): such an input's value is registered with the run's
  /// masker, and so is every value computed from it.
  public var isSecret: Bool { secret || SensitiveFields.isSensitiveLike(name) }
}

/// One declared column of a `csv` input. A required column must be in the header and non-empty
/// on every row; a column named like a catalogue field (`customerId`) is checked by that field's rule.
public struct Column: Sendable, Hashable {
  public var name: String
  public var required: Bool

  public init(name: String, required: Bool) {
    self.name = name
    self.required = required
  }
}

/// The type of an input. `csv` and `jsonl` are given as a file path and read as a list of rows.
public enum InputType: String, Sendable, Hashable, CaseIterable {
  case string, number, boolean, object, list, csv, jsonl

  /// Whether the value the playbook sees is a list (what `foreach` needs).
  public var isList: Bool {
    switch self {
    case .list, .csv, .jsonl: return true
    case .string, .number, .boolean, .object: return false
    }
  }
}
