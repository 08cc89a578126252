import ReachCatalogue
import ReachEndpoints

/// The checks of one parsed playbook, walking its steps in the order they run.
struct PlaybookChecker {
  let playbook: Playbook
  let registry: EndpointRegistry
  /// Playbooks named by `use` steps, by resolved path.
  let used: [String: Playbook]
  /// `--strict-contract`: a value outside an enum this project assumed is an error, not a warning.
  var strictContract = false
  var diagnostics: [Diagnostic] = []

  /// What a step offers to later steps under `steps.<id>.`: nil when anything goes.
  private var visibleSteps: [String: Set<String>?] = [:]
  private var visibleVars: Set<String> = []
  /// Every id and where it is defined, for "comes later" and duplicates.
  private var allIDs: [String: SourceLocation] = [:]
  private var varsSetLater: [String: SourceLocation] = [:]
  /// What is known of each step's results (`steps.<id>.…`), once the step is checked.
  private var stepShapes: [String: StepShape] = [:]
  /// Every value a var may hold, over its starting value and every `set`; absent when unknown.
  private var varTypes: [String: StaticType] = [:]

  init(playbook: Playbook, registry: EndpointRegistry, used: [String: Playbook]) {
    self.playbook = playbook
    self.registry = registry
    self.used = used
  }

  /// The names an expression may read at one place.
  struct Scope {
    var itemNames: [String] = []
    var inCall = false
    var inWaitFor = false
    var currentStep: String? = nil
    /// The endpoint of the call step whose `response` is in scope.
    var endpoint: Endpoint? = nil
    /// What each foreach item name holds, where known.
    var items: [String: ItemShape] = [:]
  }

  /// What a foreach item is: its type, and the type of its members where they are all alike (the
  /// cells of a csv row).
  struct ItemShape {
    var type: StaticType
    var memberType: StaticType?
  }

  /// What a step leaves under `steps.<id>`: named results, and the endpoint behind `response`.
  struct StepShape {
    var fields: [String: StaticType] = [:]
    var endpoint: Endpoint? = nil
  }

  mutating func run() {
    for step in playbook.allSteps {
      if case .set(let entries) = step.kind {
        for entry in entries where varsSetLater[entry.key] == nil { varsSetLater[entry.key] = entry.keyLocation }
      }
      guard let id = step.id else { continue }
      if let first = allIDs[id.value] {
        report(id.location, "duplicate step id '\(id.value)'; it is first used at line \(first.line)")
      } else {
        allIDs[id.value] = id.location
      }
    }
    visibleVars = Set(playbook.vars.map(\.key))
    inferVarTypes()
    for entry in playbook.vars { check(entry.value, Scope()) }
    checkSteps(playbook.steps, Scope())
    for entry in playbook.outputs { check(entry.value, Scope()) }
  }

  private mutating func report(
    _ location: SourceLocation, _ message: String, severity: Diagnostic.Severity = .error
  ) {
    diagnostics.append(Diagnostic(location, message, severity: severity))
  }

  // MARK: Steps

  private mutating func checkSteps(_ steps: [Step], _ outer: Scope) {
    for step in steps { checkStep(step, outer) }
  }

  private mutating func checkStep(_ step: Step, _ outer: Scope) {
    var scope = outer
    scope.currentStep = step.id?.value
    if let condition = step.condition { check(condition, scope) }
    var offers: Set<String>? = nil
    var shape = StepShape()
    switch step.kind {
    case .call(let call):
      offers = Set(["response", "http"] + call.extract.map(\.key))
      shape = checkCall(call, step, scope)
    case .switch(let switchStep):
      check(switchStep.subject, scope)
      for branch in switchStep.cases { checkSteps(branch.steps, scope) }
      if let defaultSteps = switchStep.defaultSteps { checkSteps(defaultSteps, scope) }
    case .foreach(let foreach):
      check(foreach.items, scope)
      checkIsList(foreach.items, step, scope)
      var inner = scope
      inner.itemNames.append(foreach.itemName)
      inner.items[foreach.itemName] = itemShape(of: foreach.items)
      // Steps inside run once per item: visible inside the body only.
      let saved = visibleSteps
      checkSteps(foreach.steps, inner)
      visibleSteps = saved
      // A foreach over a streamed csv input (one that declares columns) counts its rows.
      if case .template(let template) = foreach.items.kind, let path = template.single?.root.path, path.count == 2,
        path[0] == "inputs", playbook.input(named: path[1])?.columns != nil
      {
        offers = ["done", "skipped", "failed", "already"]
        for name in offers ?? [] { shape.fields[name] = StaticType(.integer) }
      } else {
        offers = ["results"]
        shape.fields["results"] = StaticType(.list)
      }
    case .use(let use):
      for entry in use.arguments { check(entry.value, scope) }
      let target = PlaybookPath.resolve(use.path.value, relativeTo: playbook.file)
      if let other = used[target] {
        offers = Set(other.outputs.map(\.key))
        checkUseArguments(use, step, other)
      }
    case .set(let entries):
      for entry in entries {
        check(entry.value, scope)
        visibleVars.insert(entry.key)
      }
    case .fail(let message):
      check(message, scope)
    case .log(let message):
      check(message, scope)
    case .skip(let reason):
      check(reason, scope)
    case .sleep:
      break
    case .customer(let customer):
      check(customer.url, scope)
      if let card = customer.card { check(card, scope) }
      if let expires = customer.expires { check(expires, scope) }
      // Against a platform that is not a sandbox a person does the step: `byPerson` is true and
      // neither status, location nor transId is known.
      offers = ["status", "location", "transId", "byPerson"]
      shape.fields = [
        "status": StaticType([.integer, .null]), "location": StaticType([.string, .null]),
        "byPerson": StaticType(.boolean),
      ]
    case .check(let probe):
      switch probe {
      case .webhook(let url, _, _): check(url, scope)
      case .https(let paths), .secrets(let paths): check(paths, scope)
      case .rateLimit: break
      }
      offers = CheckStep.offers
      shape.fields["findings"] = StaticType(.list)
    case .manual(let text):
      check(text, scope)
      offers = ["text"]
      shape.fields["text"] = .string
    case .store(let store):
      for entry in store.values { check(entry.value, scope) }
      for template in [store.file, store.command, store.show].compactMap({ $0 }) { check(template, scope) }
      // What the step leaves says where the values went, never what they are.
      offers = ["stored", "file"]
      shape.fields = ["stored": StaticType(.list), "file": StaticType([.string, .null])]
    case .waitFor(let wait):
      var inside = scope
      inside.inWaitFor = true
      if let condition = wait.condition { check(condition, inside) }
      for entry in wait.extract { check(entry.value, inside) }
      offers = Set(["event"] + wait.extract.map(\.key))
      shape.fields["event"] = StaticType(.object)
    }
    if let id = step.id, allIDs[id.value] == id.location {
      visibleSteps[id.value] = .some(offers)
      stepShapes[id.value] = shape
    }
  }

  private mutating func checkCall(_ call: CallStep, _ step: Step, _ scope: Scope) -> StepShape {
    for entry in call.arguments { check(entry.value, scope) }
    var inside = scope
    inside.inCall = true
    inside.endpoint = registry.plugin(call.endpoint.value)?.endpoint
    var shape = StepShape(endpoint: inside.endpoint)
    for template in call.expect?.that ?? [] { check(template, inside) }
    for entry in call.extract {
      check(entry.value, inside)
      shape.fields[entry.key] = type(of: entry.value, inside)
    }
    if let poll = call.poll {
      if let until = poll.until {
        check(until, inside)
      } else {
        report(
          poll.location,
          "\(step.reference) polls without 'until'; add poll: { every: \(PlaybookDuration.format(poll.every)), until: \"${{ ... }}\" }"
        )
      }
      if let failIf = poll.failIf { check(failIf, inside) }
    }

    let plugin: any EndpointPlugin
    do {
      plugin = try registry.require(call.endpoint.value)
    } catch {
      report(call.endpoint.location, "\(step.reference): \(error.description)")
      return shape
    }
    var literal: [String: JSONValue] = [:]
    var unresolved: Set<String> = []
    var locations: [String: SourceLocation] = [:]
    for entry in call.arguments {
      locations[entry.key] = entry.value.location
      if let value = entry.value.literal { literal[entry.key] = value } else { unresolved.insert(entry.key) }
    }
    let endpoint = plugin.endpoint
    for issue in plugin.validate(literal, unresolved: unresolved) {
      let given = locations[issue.field]
      let isMissing = given == nil && endpoint.field(named: issue.field)?.required == true
      if isMissing {
        report(
          call.endpoint.location, "\(step.reference) calls '\(endpoint.id)' without required field '\(issue.field)'")
      } else {
        var message = "\(step.reference) calls '\(endpoint.id)': '\(issue.field)' \(issue.message)"
        if endpoint.field(named: issue.field) == nil {
          // The catalogue's fields are our design where the guide lost the bodies: the platform
          // may take one it does not list.
          message +=
            "; if the platform takes it, describe it in the catalogue: add it to the fields of '\(endpoint.id)' "
            + "in Sources/ReachCatalogue/Catalogue+*.swift (`grep -rn '\"\(endpoint.id)\"' Sources/ReachCatalogue`) "
            + "and rebuild"
        }
        if issue.isWarning {
          message +=
            strictContract
            ? "; refused by --strict-contract" : "; the platform may accept it (--strict-contract refuses it)"
        }
        report(
          given ?? call.endpoint.location, message, severity: issue.isWarning && !strictContract ? .warning : .error)
      }
    }
    checkArgumentTypes(call, step, endpoint, scope)
    return shape
  }

  /// An argument whose value can never be of its field's type: a boolean input given as a
  /// customer id. Whole numbers pass for strings, as the catalogue's validators accept them.
  private mutating func checkArgumentTypes(_ call: CallStep, _ step: Step, _ endpoint: Endpoint, _ scope: Scope) {
    for entry in call.arguments where entry.value.literal == nil {
      guard let field = endpoint.field(named: entry.key) else { continue }
      let given = type(of: entry.value, scope)
      var accepted = StaticType(of: field.type).kinds
      if field.type == .string { accepted.insert(.integer) }
      if given.isKnown && !given.mayBe(accepted) {
        report(
          entry.value.location,
          "\(step.reference) calls '\(endpoint.id)': '\(entry.key)' takes \(StaticType(of: field.type).withoutNull), but is given \(given)"
        )
      }
    }
  }

  private mutating func checkUseArguments(_ use: UseStep, _ step: Step, _ other: Playbook) {
    let names = other.inputs.map(\.name)
    for entry in use.arguments where !names.contains(entry.key) {
      report(
        entry.keyLocation,
        "\(step.reference) gives '\(entry.key)', which '\(use.path.value)' does not take\(YAMLReader.didYouMean(entry.key, names)); its inputs: \(names.joined(separator: ", "))"
      )
    }
    for entry in use.arguments {
      guard let input = other.input(named: entry.key), let value = entry.value.literal, !value.isNull else { continue }
      if !input.type.accepts(value) {
        report(
          entry.value.location,
          "\(step.reference) gives input '\(entry.key)' of '\(use.path.value)' \(value.withArticle); it takes \(input.type.article)"
        )
      }
    }
    for input in other.inputs where input.required && input.defaultValue == nil {
      if !use.arguments.contains(where: { $0.key == input.name }) {
        report(use.path.location, "\(step.reference) uses '\(use.path.value)' without required input '\(input.name)'")
      }
    }
  }

  private mutating func checkIsList(_ items: TemplateValue, _ step: Step, _ scope: Scope) {
    let type = type(of: items, scope)
    if type.isKnown && !type.mayBe(.list) {
      report(
        items.location,
        "\(step.reference): foreach needs a list, not \(type.withoutNull); give a list literal, or an input of type list, csv or jsonl"
      )
    }
  }

  // MARK: Types

  /// What a value gives, without reporting: problems are reported where each expression is checked.
  private func type(of value: TemplateValue, _ scope: Scope) -> StaticType {
    switch value.kind {
    case .literal(let literal): return StaticType(of: literal)
    case .list: return StaticType(.list)
    case .object: return StaticType(.object)
    case .template(let template):
      // Text around an expression makes a string.
      guard let single = template.single else { return .string }
      var typer = ExpressionTyper { staticType(at: $0, scope) }
      return typer.infer(single.root)
    }
  }

  /// Every value each var may hold: its starting value and every `set` of it, read as if vars,
  /// steps and items were unknown (they are, before the walk). One unknown makes the var unknown.
  private mutating func inferVarTypes() {
    var types: [String: StaticType] = [:]
    for entry in playbook.vars {
      let origin = "var '\(entry.key)'"
      types[entry.key] = StaticType(type(of: entry.value, Scope()).kinds, origin: origin)
    }
    for step in playbook.allSteps {
      guard case .set(let entries) = step.kind else { continue }
      for entry in entries {
        let given = type(of: entry.value, Scope())
        types[entry.key] = types[entry.key].map { StaticType($0.kinds.union(given.kinds), origin: $0.origin) }
      }
    }
    varTypes = types.filter { $0.value.isKnown }
  }

  /// What a foreach item is, when its list is a csv input: a row of strings.
  private func itemShape(of items: TemplateValue) -> ItemShape {
    if case .template(let template) = items.kind, let path = template.single?.root.path, path.count == 2,
      path[0] == "inputs", let input = playbook.input(named: path[1]), input.type == .csv
    {
      return ItemShape(
        type: StaticType(.object, origin: "a row of input '\(input.name)'"),
        memberType: StaticType([.string, .null], origin: "a cell of input '\(input.name)'"))
    }
    return ItemShape(type: .unknown)
  }

  /// The type of the value at a read path, where it is known before the run.
  private func staticType(at path: [String], _ scope: Scope) -> StaticType? {
    let rest = Array(path.dropFirst())
    switch path[0] {
    case "inputs":
      guard let name = rest.first, let input = playbook.input(named: name) else { return nil }
      return Self.type(of: input, at: Array(rest.dropFirst()))
    case "vars":
      return rest.count == 1 ? varTypes[rest[0]] : nil
    case "steps":
      guard let id = rest.first, let shape = stepShapes[id] else { return nil }
      let inside = Array(rest.dropFirst())
      guard let first = inside.first else { return StaticType(.object) }
      switch first {
      case "response": return shape.endpoint.flatMap { Self.type(ofResponse: $0, at: Array(inside.dropFirst())) }
      case "http": return Self.type(ofHTTP: Array(inside.dropFirst()))
      default: return inside.count == 1 ? shape.fields[first] : nil
      }
    case "response":
      return scope.inCall ? scope.endpoint.flatMap { Self.type(ofResponse: $0, at: rest) } : nil
    case "http":
      return scope.inCall ? Self.type(ofHTTP: rest) : nil
    case "event":
      return scope.inWaitFor && rest.isEmpty ? StaticType(.object) : nil
    default:
      guard let item = scope.items[path[0]] else { return nil }
      if rest.isEmpty { return item.type }
      return rest.count == 1 ? item.memberType : nil
    }
  }

  private static func type(of input: Input, at path: [String]) -> StaticType? {
    let origin = "input '\(input.name)'"
    let kinds: StaticType.Kinds
    switch input.type {
    case .string: kinds = .string
    case .number: kinds = .number
    case .boolean: kinds = .boolean
    case .object: kinds = .object
    case .list, .csv, .jsonl: kinds = .list
    }
    let given = input.required || (input.defaultValue.map { !$0.isNull } ?? false)
    switch path.count {
    case 0: return StaticType(given ? kinds : kinds.union(.null), origin: origin)
    case 1 where input.type == .csv: return StaticType([.object, .null], origin: "a row of \(origin)")
    case 2 where input.type == .csv: return StaticType([.string, .null], origin: "a cell of \(origin)")
    default: return nil
    }
  }

  /// `http` holds the status of the answer.
  private static func type(ofHTTP path: [String]) -> StaticType? {
    switch path {
    case []: return StaticType(.object)
    case ["status"]: return StaticType(.integer, origin: "the HTTP status")
    default: return nil
    }
  }

  /// A response field the catalogue declares: `cards.0.uuid` is its `cards[].uuid`.
  private static func type(ofResponse endpoint: Endpoint, at path: [String]) -> StaticType? {
    guard !path.isEmpty else { return nil }
    var dotted = ""
    for part in path {
      if Int(part) != nil {
        dotted += "[]"
      } else {
        dotted += dotted.isEmpty ? part : ".\(part)"
      }
    }
    guard let field = endpoint.response.first(where: { $0.path == dotted }) else { return nil }
    return StaticType(of: field.type, origin: "'\(endpoint.id)' response field '\(dotted)'")
  }

  // MARK: References

  private mutating func check(_ value: TemplateValue, _ scope: Scope) {
    for expression in value.expressions { check(expression, scope) }
  }

  private mutating func check(_ template: Template, _ scope: Scope) {
    for expression in template.expressions { check(expression, scope) }
  }

  private mutating func check(_ expression: Expression, _ scope: Scope) {
    var unresolved = false
    for (path, range) in expression.root.readPaths {
      let location = expression.location.advanced(by: range.lowerBound)
      if let message = problem(with: path, scope) {
        report(location, message)
        unresolved = true
      }
    }
    // Types are worth checking only where every name resolves.
    guard !unresolved else { return }
    var typer = ExpressionTyper { [self] in staticType(at: $0, scope) }
    _ = typer.infer(expression.root)
    for problem in typer.problems {
      report(
        expression.location.advanced(by: problem.offset),
        "'\(expression.quoted)' cannot be evaluated: \(problem.message)")
    }
  }

  private func problem(with path: [String], _ scope: Scope) -> String? {
    let root = path[0]
    let member = path.count > 1 ? path[1] : nil
    switch root {
    case "inputs":
      guard let member else { return nil }
      let names = playbook.inputs.map(\.name)
      if names.contains(member) { return nil }
      return "unknown input '\(member)'\(YAMLReader.didYouMean(member, names)); declare it under 'inputs'"
    case "vars":
      guard let member, !visibleVars.contains(member) else { return nil }
      if let later = varsSetLater[member] {
        return "var '\(member)' is set only later (line \(later.line)); give it a starting value under 'vars'"
      }
      return "unknown var '\(member)'\(YAMLReader.didYouMean(member, Array(visibleVars))); declare it under 'vars'"
    case "steps":
      guard let member else { return nil }
      if member == scope.currentStep {
        return "step '\(member)' cannot read itself through steps.\(member); use response and http inside the step"
      }
      guard let offers = visibleSteps[member] else {
        if let location = allIDs[member] {
          return
            "step '\(member)' comes later (line \(location.line)) or runs inside a foreach; a step can only read steps that ran before it"
        }
        return
          "unknown step '\(member)'\(YAMLReader.didYouMean(member, Array(allIDs.keys))); steps are read by their id"
      }
      guard path.count > 2, let offers else { return nil }
      let field = path[2]
      if offers.contains(field) { return nil }
      let choices = offers.sorted()
      return
        "step '\(member)' has no '\(field)'\(YAMLReader.didYouMean(field, choices)); it offers: \(choices.joined(separator: ", "))"
    case "response", "http":
      if scope.inWaitFor { return "a wait_for step has no '\(root)'; the event it matched is 'event'" }
      return scope.inCall
        ? nil
        : "'\(root)' is only defined in a call step's expect, extract and poll; after the step read steps.<id>.\(root)"
    case "event":
      return scope.inWaitFor
        ? nil
        : "'event' is only defined in a wait_for step's where and extract; after the step read steps.<id>.event"
    default:
      if scope.itemNames.contains(root) { return nil }
      if root == "item" { return "'item' is only defined inside a foreach" }
      let names = ExpressionEvaluator.rootNames + scope.itemNames
      return
        "unknown name '\(root)'\(YAMLReader.didYouMean(root, names)); expressions read \(names.joined(separator: ", "))"
    }
  }
}
