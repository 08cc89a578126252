import Playbook
import ReachCatalogue
import ReachEndpoints

/// Works out a run plan by walking the steps without running them: arguments are evaluated with
/// what is known before the run (inputs, vars, `now()`), and whatever needs a response becomes
/// `<from steps.x.y>`. Both branches of a switch and one pass of each foreach body are shown.
struct PlanBuilder {
  let context: RunContext
  let registry: EndpointRegistry
  var entries: [PlanEntry] = []
  /// Csv inputs that declare their columns: a foreach over one is planned row by row, each row
  /// read from the file as it is planned.
  var streams: [String: CSVInput] = [:]
  /// Where entries go as they are planned, instead of `entries` (so a million rows stream).
  var output: ((PlanEntry) -> Void)?

  init(context: RunContext, registry: EndpointRegistry) {
    self.context = context
    self.registry = registry
  }

  /// The files `use` steps name, each read and parsed once however many times it is used (a
  /// validated playbook expands to at most `PlaybookLimits.expandedSteps` steps).
  private var loaded: [String: Playbook?] = [:]

  private mutating func load(_ path: String) -> Playbook? {
    if let known = loaded[path] { return known }
    let playbook = context.source.load(path)?.playbook
    loaded[path] = .some(playbook)
    return playbook
  }

  /// Names whose values only exist during the run.
  private var runtimeNames: Set<String> = ["steps", "response", "http"]

  mutating func plan(_ playbook: Playbook, _ state: inout RunState, depth: Int) {
    for entry in playbook.vars {
      state.vars[entry.key] = symbolic(entry.value, state)
      if state.readsSecret(entry.value) { state.tainted.insert("vars." + entry.key) }
    }
    for step in playbook.steps { plan(step, &state, depth: depth) }
  }

  private mutating func plan(_ step: Step, _ state: inout RunState, depth: Int) {
    let reference = state.reference(step)
    let condition = step.condition.map(\.source)
    let holds = step.condition.flatMap { known($0, state)?.isTruthy }
    func add(_ action: PlannedAction) {
      let entry = PlanEntry(step: reference, depth: depth, condition: condition, holds: holds, action: action)
      if let output { output(entry) } else { entries.append(entry) }
    }
    // A step known not to run is listed as skipped; what is inside it is not planned.
    if holds == false {
      add(.skip("\(condition ?? "") does not hold"))
      return
    }
    switch step.kind {
    case .call(let call):
      add(plannedCall(call, state))
    case .switch(let switchStep):
      add(
        .branch(
          on: switchStep.subject.source,
          cases: switchStep.cases.map(\.value) + (switchStep.defaultSteps == nil ? [] : ["default"])))
      for branch in switchStep.cases {
        for inner in branch.steps { plan(inner, &state, depth: depth + 1) }
      }
      for inner in switchStep.defaultSteps ?? [] { plan(inner, &state, depth: depth + 1) }
    case .foreach(let foreach):
      if let name = ForeachExecutor.streamedInput(foreach.items), let input = streams[name] {
        add(
          .each(
            items: "\(input.goodRowCount) rows of \(input.path)", name: foreach.itemName,
            concurrency: context.concurrency ?? foreach.concurrency))
        planRows(foreach, step, input, state, depth: depth + 1)
        return
      }
      let items = symbolic(foreach.items, state)
      let count = items.arrayValue.map { "\($0.count) items" }
      add(.each(items: count ?? items.interpolated, name: foreach.itemName, concurrency: foreach.concurrency))
      var inner = state
      inner.bindings[foreach.itemName] = .null
      let saved = runtimeNames
      runtimeNames.insert(foreach.itemName)
      for body in foreach.steps { plan(body, &inner, depth: depth + 1) }
      runtimeNames = saved
    case .use(let use):
      var given: [String: JSONValue] = [:]
      for entry in use.arguments { given[entry.key] = symbolic(entry.value, state) }
      let path = PlaybookPath.resolve(use.path.value, relativeTo: state.file)
      let playbook = load(path)
      // What the used file takes as a secret, and what is given from one, shows as ***.
      var secret = Set(use.arguments.filter { state.readsSecret($0.value) }.map(\.key))
      secret.formUnion(playbook?.inputs.filter(\.isSecret).map(\.name) ?? [])
      add(.use(file: use.path.value, inputs: .object(shown(given, secret: secret))))
      if let playbook {
        var inputs = given
        for input in playbook.inputs where inputs[input.name] == nil {
          inputs[input.name] = input.defaultValue ?? .null
        }
        var inner = RunState(file: path, inputs: inputs)
        inner.scope = state.scope + [step.label]
        inner.tainted = Set(secret.map { "inputs." + $0 })
        inner.taintSecretInputs(of: playbook, masker: context.masker)
        let saved = runtimeNames
        runtimeNames = ["steps", "response", "http"]
        plan(playbook, &inner, depth: depth + 1)
        runtimeNames = saved
      }
    case .set(let entries):
      var values: [String: JSONValue] = [:]
      for entry in entries {
        let value = symbolic(entry.value, state)
        values[entry.key] = value
        // Under a condition only the run can decide, the var may keep its value or take this one.
        if holds == nil, let old = state.vars[entry.key], old != value {
          let either = [old, value].map { $0.isNull ? "null" : $0.interpolated }.joined(separator: " or ")
          state.vars[entry.key] = .string("<\(either)>")
        } else {
          state.vars[entry.key] = value
        }
        if state.readsSecret(entry.value) {
          state.tainted.insert("vars." + entry.key)
          values[entry.key] = Self.shown(value)
        }
      }
      add(.set(.object(values)))
    case .fail(let message):
      add(.fail(shown(message, state)))
    case .log(let message):
      add(.log(shown(message, state)))
    case .sleep(let duration):
      add(.sleep(duration.value))
    case .customer(let customer):
      add(.customer(customer.action.rawValue, url: symbolic(customer.url, state).interpolated))
    case .skip(let reason):
      add(.skip(shown(reason, state)))
    case .check(let check):
      switch check {
      case .webhook(let url, let endpoint, let within):
        add(
          .check(
            "webhook \(endpoint.rawValue) endpoint \(symbolic(url, state).interpolated) answers 200 within \(PlaybookDuration.format(within))"
          ))
      case .https(let paths): add(.check("https URLs in \(symbolic(paths, state).interpolated)"))
      case .secrets(let paths): add(.check("no literal secret in \(symbolic(paths, state).interpolated)"))
      case .rateLimit(let rate, let calls): add(.check("\(calls) calls against a sandbox limited to \(rate)/s"))
      }
    case .manual(let text):
      add(.manual(shown(text, state)))
    case .store(let store):
      var places: [String] = []
      if let file = store.file { places.append("file \(symbolic(file, state).interpolated)") }
      if let command = store.command { places.append("command \(symbolic(command, state).interpolated)") }
      if let show = store.show { places.append("the terminal if \(show.source)") }
      add(.store(names: store.values.map(\.key), places: places))
    case .waitFor(let wait):
      add(
        .waitFor(
          wait.type.value, endpoint: wait.endpoint, where: wait.condition?.source,
          timeout: wait.timeout ?? WaitForStep.defaultTimeout))
    }
  }

  /// Each row of a streamed csv input, read one at a time: the body planned with the row's values
  /// (what the state would decide reads `<from steps.x.y>`); a bad line is shown as skipped.
  private mutating func planRows(_ foreach: ForeachStep, _ step: Step, _ input: CSVInput, _ state: RunState, depth: Int)
  {
    guard let reader = CSVReader(path: input.path), (try? reader.header()) != nil else { return }
    // The streaming pass read the whole file already: a read error here ends the listing.
    while let (line, fields) = try? reader.next() {
      var inner = state
      inner.scope.append("\(step.label)[line \(line)]")
      if let problem = input.badRows[line] {
        let reference = StepReference(scope: inner.scope, label: "row", location: step.location)
        let entry = PlanEntry(step: reference, depth: depth, action: .skip("bad row: \(problem)"))
        if let output { output(entry) } else { entries.append(entry) }
        continue
      }
      inner.bind(foreach.itemName, input.row(fields), secret: false, context.masker)
      for body in foreach.steps { plan(body, &inner, depth: depth) }
    }
  }

  private func plannedCall(_ call: CallStep, _ state: RunState) -> PlannedAction {
    var tokens: [String: String] = [:]
    var arguments: [String: JSONValue] = [:]
    for entry in call.arguments {
      arguments[entry.key] =
        state.readsSecret(entry.value) ? secretTokens(entry.value, state, &tokens) : symbolic(entry.value, state)
    }
    let poll = call.poll.map { poll in
      "poll every \(PlaybookDuration.format(poll.every))"
        + (poll.backoff.map { " ×\($0.rounded() == $0 ? String(Int($0)) : String($0))" } ?? "")
        + (poll.maxEvery.map { " up to \(PlaybookDuration.format($0))" } ?? "")
        + " until \(poll.until?.source ?? "?")"
        + ", timeout \(PlaybookDuration.format(poll.timeout ?? Poll.defaultTimeout))"
    }
    guard let plugin = registry.plugin(call.endpoint.value) else {
      return .call(endpointID: call.endpoint.value, method: .get, pathAndQuery: "?", body: nil, poll: poll)
    }
    // Placeholders and secrets travel through the request builder as plain tokens, so
    // percent-encoding leaves them recognisable: placeholders come back readable, secrets as ***
    // (in the path and query too, where a PIN or an account number may go).
    let secrets = PlanSecrets(call: arguments, endpoint: plugin.endpoint, state: state)
    func tokenized(_ value: JSONValue) -> JSONValue {
      switch value {
      case .string(let text):
        // Each placeholder, whole or inside a longer string, becomes a token of its own.
        var result = ""
        var rest = Substring(text)
        while let range = Self.placeholder(in: rest) {
          result += rest[..<range.lowerBound]
          let token = "PLACEHOLDER\(tokens.count)X"
          tokens[token] = String(rest[range])
          result += token
          rest = rest[range.upperBound...]
        }
        return .string(secrets.tokenized(result + rest, tokens: &tokens))
      case .array(let items): return .array(items.map(tokenized))
      case .object(let object): return .object(object.mapValues(tokenized))
      default: return value
      }
    }
    var masked = arguments.mapValues(tokenized)
    for (key, value) in masked where secrets.isSensitive(key) && value.stringValue != nil {
      let token = "PLACEHOLDER\(tokens.count)X"
      tokens[token] = SensitiveFields.mask
      masked[key] = .string(token)
    }
    let request = EndpointRequest.build(plugin.endpoint, arguments: masked)
    let path = context.caller.redacted(.string(Self.untokenized(request.pathAndQuery, tokens))).stringValue ?? ""
    let body = request.body.map { context.caller.redacted(Self.untokenized($0, tokens)) }
    return .call(endpointID: plugin.endpoint.id, method: request.method, pathAndQuery: path, body: body, poll: poll)
  }

  /// An argument that reads a secret, with each part that reads one as a token that `tokens` maps
  /// to what it shows (`***`), whatever its length: `C1-${{ line.password }}` is `C1-***`. An
  /// argument that is one expression (or a list or object) is one token.
  private func secretTokens(_ value: TemplateValue, _ state: RunState, _ tokens: inout [String: String]) -> JSONValue {
    func token(_ shown: JSONValue) -> String {
      let token = "PLACEHOLDER\(tokens.count)X"
      tokens[token] = Self.shown(shown).interpolated
      return token
    }
    guard case .template(let template) = value.kind, template.single == nil else {
      return .string(token(symbolic(value, state)))
    }
    return .string(joined(template, state, secret: token))
  }

  private static func untokenized(_ value: JSONValue, _ tokens: [String: String]) -> JSONValue {
    switch value {
    case .string(let s): return .string(untokenized(s, tokens))
    case .array(let items): return .array(items.map { untokenized($0, tokens) })
    case .object(let object): return .object(object.mapValues { untokenized($0, tokens) })
    default: return value
    }
  }

  private static func untokenized(_ text: String, _ tokens: [String: String]) -> String {
    guard text.contains("PLACEHOLDER") else { return text }
    var result = text
    // Longest first, so PLACEHOLDER1X never eats the start of PLACEHOLDER12X.
    for token in tokens.keys.sorted(by: { $0.count > $1.count }) where result.contains(token) {
      result = result.replacing(token, with: tokens[token]!)
    }
    return result
  }

  // MARK: Symbolic evaluation

  private func symbolic(_ value: TemplateValue, _ state: RunState) -> JSONValue {
    switch value.kind {
    case .literal(let literal): return literal
    case .template(let template): return symbolic(template, state)
    case .list(let items): return .array(items.map { symbolic($0, state) })
    case .object(let entries):
      var object: [String: JSONValue] = [:]
      for entry in entries { object[entry.key] = symbolic(entry.value, state) }
      return .object(object)
    }
  }

  /// `template` as a message shows it: each part that reads a secret as `***` (see `shown`), the
  /// others as `symbolic` gives them.
  private func shown(_ template: Template, _ state: RunState) -> String {
    joined(template, state) { Self.shown($0).interpolated }
  }

  /// `template`'s parts joined, as `symbolic` gives them, each part that reads a secret as
  /// `secret` gives it.
  private func joined(_ template: Template, _ state: RunState, secret: (JSONValue) -> String) -> String {
    var text = ""
    for part in template.parts {
      switch part {
      case .text(let literal): text += literal
      case .expression(let expression):
        let value = symbolic(expression, state)
        text += state.readsSecret(expression) ? secret(value) : value.interpolated
      }
    }
    return text
  }

  private func shown(_ values: [String: JSONValue], secret: Set<String>) -> [String: JSONValue] {
    var out = values
    for key in secret { if let value = values[key] { out[key] = Self.shown(value) } }
    return out
  }

  /// What a dry run shows of a value computed from a secret: `SecretTaint.shown`, but a bare
  /// `<from steps.x.y>` (which holds no value) as is.
  static func shown(_ value: JSONValue) -> JSONValue {
    if case .string(let text) = value, text.hasPrefix("<from "), text.hasSuffix(">"), !text.contains(", else ") {
      return value
    }
    return SecretTaint.shown(value)
  }

  private func symbolic(_ template: Template, _ state: RunState) -> JSONValue {
    if let single = template.single { return symbolic(single, state) }
    var text = ""
    for part in template.parts {
      switch part {
      case .text(let literal): text += literal
      case .expression(let expression): text += symbolic(expression, state).interpolated
      }
    }
    return .string(text)
  }

  private func symbolic(_ expression: Expression, _ state: RunState) -> JSONValue {
    // `default(x, y)` with x known only at run time: both sides.
    if case .call(.default, let arguments) = expression.root.kind,
      let path = runtimePath(arguments[0], state)
    {
      var fallback = expression
      fallback.root = arguments[1]
      return .string("<from \(path), else \(symbolic(fallback, state).interpolated)>")
    }
    // A var the plan could not settle reads as what it may be.
    if let path = expression.root.path, path.count == 2, path[0] == "vars", let value = state.vars[path[1]],
      Self.isPlaceholder(value)
    {
      return value
    }
    if let path = runtimePath(expression.root, state) { return .string("<from \(path)>") }
    do {
      let value = try expression.evaluate(in: state.environment(context))
      // What a dry run shows of a value computed from a secret is masked too.
      if state.readsSecret(expression) { context.masker.register(value) }
      return value
    } catch {
      return .string("<\(expression)>")
    }
  }

  /// The value of a template that reads only what is known before the run; nil otherwise.
  private func known(_ template: Template, _ state: RunState) -> JSONValue? {
    guard template.expressions.allSatisfy({ runtimePath($0.root, state) == nil }) else { return nil }
    return try? template.evaluate(in: state.environment(context))
  }

  /// The first path `node` reads that only the run can give: a response, a step's result, or a
  /// var set from one.
  private func runtimePath(_ node: ExpressionNode, _ state: RunState) -> String? {
    for (path, _) in node.readPaths {
      if runtimeNames.contains(path[0]) { return path.joined(separator: ".") }
      if path[0] == "vars", path.count > 1, let value = state.vars[path[1]], Self.isPlaceholder(value) {
        return path.joined(separator: ".")
      }
    }
    return nil
  }

  /// The first placeholder in `text`: `<from …>` or `<${{ … }}>`, with the placeholders nested in it.
  static func placeholder(in text: Substring) -> Range<Substring.Index>? {
    var search = text.startIndex
    while let open = text[search...].firstIndex(of: "<") {
      let after = text[text.index(after: open)...]
      guard after.hasPrefix("from ") || after.hasPrefix("${{") else {
        search = text.index(after: open)
        continue
      }
      // An expression may hold '<' and '>' itself: it ends at its own `}}>`.
      if after.hasPrefix("${{") { return after.firstRange(of: "}}>").map { open..<$0.upperBound } }
      var depth = 0
      for index in text[open...].indices {
        if text[index] == "<" { depth += 1 }
        if text[index] == ">" { depth -= 1 }
        if depth == 0 { return open..<text.index(after: index) }
      }
      return nil
    }
    return nil
  }

  /// A value the plan stands in for: `<from steps.x.y>` or an expression it could not evaluate.
  static func isPlaceholder(_ value: JSONValue) -> Bool {
    guard case .string(let text) = value else { return false }
    return text.hasPrefix("<") && text.hasSuffix(">")
  }
}
