import ReachCatalogue
import ReachEndpoints

/// The checks of one parsed playbook, walking its steps in the order they run.
struct PlaybookChecker {
  let playbook: Playbook
  let registry: EndpointRegistry
  /// Playbooks named by `use` steps, by resolved path.
  let used: [String: Playbook]
  var diagnostics: [Diagnostic] = []

  /// What a step offers to later steps under `steps.<id>.`: nil when anything goes.
  private var visibleSteps: [String: Set<String>?] = [:]
  private var visibleVars: Set<String> = []
  /// Every id and where it is defined, for "comes later" and duplicates.
  private var allIDs: [String: SourceLocation] = [:]
  private var varsSetLater: [String: SourceLocation] = [:]

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
    for entry in playbook.vars { check(entry.value, Scope()) }
    checkSteps(playbook.steps, Scope())
    for entry in playbook.outputs { check(entry.value, Scope()) }
  }

  private mutating func report(_ location: SourceLocation, _ message: String) {
    diagnostics.append(Diagnostic(location, message))
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
    switch step.kind {
    case .call(let call):
      offers = Set(["response", "http"] + call.extract.map(\.key))
      checkCall(call, step, scope)
    case .switch(let switchStep):
      check(switchStep.subject, scope)
      for branch in switchStep.cases { checkSteps(branch.steps, scope) }
      if let defaultSteps = switchStep.defaultSteps { checkSteps(defaultSteps, scope) }
    case .foreach(let foreach):
      check(foreach.items, scope)
      checkIsList(foreach.items, step)
      var inner = scope
      inner.itemNames.append(foreach.itemName)
      // Steps inside run once per item: visible inside the body only.
      let saved = visibleSteps
      checkSteps(foreach.steps, inner)
      visibleSteps = saved
      // A foreach over a streamed csv input (one that declares columns) counts its rows.
      if case .template(let template) = foreach.items.kind, let path = template.single?.root.path, path.count == 2,
        path[0] == "inputs", playbook.input(named: path[1])?.columns != nil
      {
        offers = ["done", "skipped", "failed", "already"]
      } else {
        offers = ["results"]
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
      offers = ["status", "location", "transId"]
    case .check(let probe):
      switch probe {
      case .webhook(let url, _, _): check(url, scope)
      case .https(let paths), .secrets(let paths): check(paths, scope)
      case .rateLimit: break
      }
      offers = CheckStep.offers
    case .manual(let text):
      check(text, scope)
      offers = ["text"]
    case .waitFor(let wait):
      var inside = scope
      inside.inWaitFor = true
      if let condition = wait.condition { check(condition, inside) }
      for entry in wait.extract { check(entry.value, inside) }
      offers = Set(["event"] + wait.extract.map(\.key))
    }
    if let id = step.id, allIDs[id.value] == id.location { visibleSteps[id.value] = .some(offers) }
  }

  private mutating func checkCall(_ call: CallStep, _ step: Step, _ scope: Scope) {
    for entry in call.arguments { check(entry.value, scope) }
    var inside = scope
    inside.inCall = true
    for template in call.expect?.that ?? [] { check(template, inside) }
    for entry in call.extract { check(entry.value, inside) }
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
      return
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
        report(
          given ?? call.endpoint.location, "\(step.reference) calls '\(endpoint.id)': '\(issue.field)' \(issue.message)"
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

  private mutating func checkIsList(_ items: TemplateValue, _ step: Step) {
    let found: String?
    switch items.kind {
    case .literal(let value): found = value.arrayValue == nil ? value.withArticle : nil
    case .list: found = nil
    case .object: found = "an object"
    case .template(let template):
      if let single = template.single {
        found = staticType(of: single.root).flatMap { $0 == "a list" ? nil : $0 }
      } else {
        found = "a string"
      }
    }
    if let found {
      report(
        items.location,
        "\(step.reference): foreach needs a list, not \(found); give a list literal, or an input of type list, csv or jsonl"
      )
    }
  }

  /// What an expression gives, when that is known before the run.
  private func staticType(of node: ExpressionNode) -> String? {
    switch node.kind {
    case .literal(let value): return value.arrayValue != nil ? "a list" : value.withArticle
    case .list: return "a list"
    case .not, .binary: return "a boolean"
    case .call(let function, _):
      switch function {
      case .len, .number: return "a number"
      case .contains, .startsWith, .endsWith: return "a boolean"
      case .now, .uuid, .string: return "a string"
      case .default, .find: return nil
      }
    case .name, .member, .index:
      guard let path = node.path, path.count == 2 else { return nil }
      if path[0] == "inputs", let input = playbook.input(named: path[1]) {
        return input.type.isList ? "a list" : "\(input.type.article) (input '\(input.name)')"
      }
      if path[0] == "vars", let entry = playbook.vars.first(where: { $0.key == path[1] }), varsSetLater[path[1]] == nil,
        let value = entry.value.literal
      {
        return value.arrayValue != nil ? "a list" : "\(value.withArticle) (var '\(entry.key)')"
      }
      return nil
    }
  }

  // MARK: References

  private mutating func check(_ value: TemplateValue, _ scope: Scope) {
    for expression in value.expressions { check(expression, scope) }
  }

  private mutating func check(_ template: Template, _ scope: Scope) {
    for expression in template.expressions { check(expression, scope) }
  }

  private mutating func check(_ expression: Expression, _ scope: Scope) {
    for (path, range) in expression.root.readPaths {
      let location = expression.location.advanced(by: range.lowerBound)
      if let message = problem(with: path, scope) { report(location, message) }
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
