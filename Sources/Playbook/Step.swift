/// One step: an optional id (how later steps read it), a name, a condition, and what it does.
public struct Step: Sendable, Hashable {
  public var id: Located<String>?
  public var name: String?
  /// `if:` — the step runs only when this holds.
  public var condition: Template?
  public var kind: StepKind
  public var location: SourceLocation

  public init(
    id: Located<String>? = nil, name: String? = nil, condition: Template? = nil, kind: StepKind,
    location: SourceLocation
  ) {
    self.id = id
    self.name = name
    self.condition = condition
    self.kind = kind
    self.location = location
  }

  /// How messages name the step: its id, else its name, else its kind and line.
  public var label: String {
    id?.value ?? name ?? "\(kind.keyword) at line \(location.line)"
  }

  /// The step as the subject of a message: `step 'info'`, or `the log step at line 12`.
  public var reference: String {
    if let name = id?.value ?? name { return "step '\(name)'" }
    return "the \(kind.keyword) step at line \(location.line)"
  }

  /// The steps nested directly inside this one (switch cases, foreach bodies).
  public var children: [Step] {
    switch kind {
    case .switch(let step): return step.cases.flatMap(\.steps) + (step.defaultSteps ?? [])
    case .foreach(let step): return step.steps
    case .call, .use, .set, .fail, .log, .sleep, .customer, .skip, .waitFor, .check, .manual, .store: return []
    }
  }

  public var selfAndDescendants: [Step] {
    [self] + children.flatMap(\.selfAndDescendants)
  }
}
