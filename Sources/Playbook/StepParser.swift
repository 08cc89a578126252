import ReachCatalogue
import Yams

/// Reads the `steps` lists of a playbook (and the ones nested in switch and foreach).
struct StepParser {
  let reader: YAMLReader

  static let commonKeys = ["id", "name", "if"]
  /// The key that introduces each kind, and the keys each kind adds.
  static let kindKeys: [(kind: String, keys: [String])] = [
    ("call", ["with", "expect", "extract", "poll", "until"]),
    ("switch", ["cases", "default"]),
    ("foreach", ["as", "concurrency", "steps"]),
    ("use", ["with"]),
    ("set", []),
    ("fail", []),
    ("log", []),
    ("sleep", []),
    ("customer", []),
    ("skip", []),
    ("wait_for", ["where", "timeout", "extract"]),
    ("check", []),
    ("manual", []),
    ("store", []),
  ]
  static var kinds: [String] { kindKeys.map(\.kind) }
  static var allKeys: [String] {
    var keys = commonKeys
    for (kind, extra) in kindKeys {
      for key in [kind] + extra where !keys.contains(key) { keys.append(key) }
    }
    return keys
  }
  static let pollKeys = ["every", "until", "fail_if", "timeout", "backoff", "max_every"]
  static let expectKeys = ["status", "that"]

  func steps(_ node: Node, _ what: String) -> [Step] {
    guard let items = reader.sequence(node, what) else { return [] }
    return items.compactMap(step)
  }

  private func step(_ node: Node) -> Step? {
    guard let entries = reader.mapping(node, "a step") else { return nil }
    let location = reader.location(of: node)
    func entry(_ key: String) -> YAMLReader.Entry? { entries.first { $0.key == key } }

    var id: Located<String>? = nil
    if let node = entry("id")?.value, let value = reader.located(node, "a step id") {
      if Self.isIdentifier(value.value) {
        id = value
      } else {
        reader.report(
          value.location,
          "step id '\(value.value)' must start with a letter and hold only letters, digits, '_' and '-' (expressions read it as steps.<id>)"
        )
      }
    }
    let name = entry("name").flatMap { reader.string($0.value, "a step name") }
    let condition = entry("if").flatMap { reader.condition($0.value, "'if'") }
    let label = id?.value ?? name

    let unknown = entries.filter { !Self.allKeys.contains($0.key) }
    reader.checkKeys(unknown, allowed: Self.allKeys, in: label.map { "step '\($0)'" } ?? "a step")
    let present = Self.kinds.filter { entry($0) != nil }
    guard let kindKey = present.first else {
      if unknown.isEmpty {
        reader.report(location, "a step needs one of: \(Self.kinds.joined(separator: ", "))")
      }
      return nil
    }
    guard present.count == 1 else {
      reader.report(
        entry(present[1])!.keyLocation,
        "a step has one kind, but this one has both '\(present[0])' and '\(present[1])'; split it into two steps")
      return nil
    }
    let allowed = Self.commonKeys + [kindKey] + Self.kindKeys.first { $0.kind == kindKey }!.keys
    for entry in entries where Self.allKeys.contains(entry.key) && !allowed.contains(entry.key) {
      reader.report(entry.keyLocation, "'\(entry.key)' does not belong in a '\(kindKey)' step")
    }
    let kindEntry = entry(kindKey)!
    guard let kind = self.kind(kindKey, kindEntry.value, entry) else { return nil }
    return Step(id: id, name: name, condition: condition, kind: kind, location: location)
  }

  static func isIdentifier(_ text: String) -> Bool {
    guard let first = text.first, first.isLetter || first == "_" else { return false }
    return text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
  }

  private func kind(_ key: String, _ node: Node, _ entry: (String) -> YAMLReader.Entry?) -> StepKind? {
    switch key {
    case "call": return call(node, entry).map(StepKind.call)
    case "switch":
      guard let subject = reader.condition(node, "'switch'") else { return nil }
      var cases: [SwitchCase] = []
      if let casesNode = entry("cases")?.value, let items = reader.mapping(casesNode, "'cases'") {
        for item in items {
          cases.append(
            SwitchCase(value: item.key, steps: steps(item.value, "case '\(item.key)'"), location: item.keyLocation))
        }
      } else if entry("cases") == nil {
        reader.report(reader.location(of: node), "a 'switch' step needs 'cases: { value: [steps] }'")
      }
      let defaultSteps = entry("default").map { steps($0.value, "'default'") }
      return .switch(SwitchStep(subject: subject, cases: cases, defaultSteps: defaultSteps))
    case "foreach":
      guard let items = reader.value(node) else { return nil }
      var itemName = "item"
      if let asNode = entry("as")?.value, let name = reader.string(asNode, "'as'") {
        if !Self.isIdentifier(name) {
          reader.report(reader.location(of: asNode), "'as' must be a plain name, not '\(name)'")
        } else if ExpressionEvaluator.rootNames.contains(name) && name != "item" {
          reader.report(reader.location(of: asNode), "'as: \(name)' would hide '\(name)'; choose another name")
        } else {
          itemName = name
        }
      }
      var concurrency = 1
      if let node = entry("concurrency")?.value, let n = reader.int(node, "'concurrency'") {
        if n < 1 {
          reader.report(reader.location(of: node), "'concurrency' must be at least 1")
        } else {
          concurrency = n
        }
      }
      guard let body = entry("steps") else {
        reader.report(reader.location(of: node), "a 'foreach' step needs 'steps' to run for each item")
        return nil
      }
      return .foreach(
        ForeachStep(items: items, itemName: itemName, concurrency: concurrency, steps: steps(body.value, "'steps'")))
    case "use":
      guard let path = reader.located(node, "'use'") else { return nil }
      let arguments = entry("with").flatMap { reader.entries($0.value, "'with'") } ?? []
      return .use(UseStep(path: path, arguments: arguments))
    case "set":
      return reader.entries(node, "'set'").map(StepKind.set)
    case "fail":
      return reader.template(node, "'fail'").map(StepKind.fail)
    case "log":
      return reader.template(node, "'log'").map(StepKind.log)
    case "sleep":
      return reader.duration(node, "'sleep'").map { .sleep(Located($0, at: reader.location(of: node))) }
    case "customer":
      return customer(node)
    case "skip":
      return reader.template(node, "'skip'").map(StepKind.skip)
    case "check":
      return check(node).map(StepKind.check)
    case "manual":
      return reader.template(node, "'manual'").map(StepKind.manual)
    case "wait_for":
      return waitFor(node, entry)
    case "store":
      return store(node)
    default:
      preconditionFailure("kind '\(key)' is listed in kindKeys but not parsed")
    }
  }

  /// `check: { webhook: URL, endpoint: callback, within: 10s }`, `{ https: [paths] }`,
  /// `{ secrets: [paths] }`, `{ rate_limit: 2, calls: 10 }`.
  private func check(_ node: Node) -> CheckStep? {
    guard let entries = reader.mapping(node, "'check'") else { return nil }
    let names = CheckStep.keys.map(\.check)
    let given = entries.filter { names.contains($0.key) }
    guard given.count <= 1 else {
      reader.report(
        given[1].keyLocation,
        "a check step checks one thing, but this one has both '\(given[0].key)' and '\(given[1].key)'; split it into two steps"
      )
      return nil
    }
    guard let first = given.first, let spec = CheckStep.keys.first(where: { $0.check == first.key }) else {
      reader.checkKeys(entries.filter { !names.contains($0.key) }, allowed: names, in: "'check'")
      reader.report(reader.location(of: node), "'check' needs one of \(names.joined(separator: ", "))")
      return nil
    }
    reader.checkKeys(
      entries.filter { !([spec.check] + spec.keys).contains($0.key) }, allowed: [spec.check] + spec.keys,
      in: "a '\(spec.check)' check")
    func entry(_ key: String) -> Node? { entries.first { $0.key == key }?.value }
    let main = given[0].value
    switch spec.check {
    case "webhook":
      guard let url = reader.template(main, "'webhook'") else { return nil }
      var endpoint = WebhookEndpoint.callback
      if let node = entry("endpoint") {
        guard let text = reader.string(node, "'endpoint'") else { return nil }
        guard let value = WebhookEndpoint(rawValue: text) else {
          reader.report(
            reader.location(of: node),
            "'endpoint' is callback (POST /apisvc/v0/notification/callback) or notification (POST /apisvc/v0/notification), not '\(text)'"
          )
          return nil
        }
        endpoint = value
      }
      var within = Duration.seconds(10)
      if let node = entry("within") {
        guard let value = reader.duration(node, "'within'") else { return nil }
        within = value
      }
      return .webhook(url: url, endpoint: endpoint, within: within)
    case "https":
      return reader.value(main).map { .https(paths: $0) }
    case "secrets":
      return reader.value(main).map { .secrets(paths: $0) }
    default:
      guard let rate = reader.int(main, "'rate_limit'") else { return nil }
      guard rate >= 1 else {
        reader.report(reader.location(of: main), "'rate_limit' is requests per second, at least 1")
        return nil
      }
      var calls = 10
      if let node = entry("calls") {
        guard let value = reader.int(node, "'calls'") else { return nil }
        guard value >= 1 else {
          reader.report(reader.location(of: node), "'calls' must be at least 1")
          return nil
        }
        calls = value
      }
      return .rateLimit(perSecond: rate, calls: calls)
    }
  }

  /// `customer: { pay: url }` / `{ add_card: url }`, with an optional `card`.
  private func customer(_ node: Node) -> StepKind? {
    guard let entries = reader.mapping(node, "'customer'") else { return nil }
    let actions = CustomerAction.allCases.map(\.rawValue)
    let extra = ["card", "expires"]
    reader.checkKeys(
      entries.filter { !(actions + extra).contains($0.key) }, allowed: actions + extra, in: "'customer'")
    let given = entries.filter { actions.contains($0.key) }
    guard given.count == 1, let action = CustomerAction(rawValue: given[0].key) else {
      reader.report(
        reader.location(of: node),
        "'customer' needs exactly one of \(actions.joined(separator: ", ")) with the hosted page's URL")
      return nil
    }
    guard let url = reader.template(given[0].value, "'\(action.rawValue)'") else { return nil }
    let card = entries.first { $0.key == "card" }.flatMap { reader.template($0.value, "'card'") }
    let expires = entries.first { $0.key == "expires" }.flatMap { reader.template($0.value, "'expires'") }
    return .customer(CustomerStep(action: action, url: url, card: card, expires: expires))
  }

  static let storeKeys = ["values", "to_file", "to_command", "show"]

  /// `store: { values: { name: value }, to_file, to_command, show }`: at least one value, and at
  /// least one destination.
  private func store(_ node: Node) -> StepKind? {
    guard let entries = reader.mapping(node, "'store'") else { return nil }
    reader.checkKeys(entries, allowed: Self.storeKeys, in: "'store'")
    func entry(_ key: String) -> YAMLReader.Entry? { entries.first { $0.key == key } }
    guard let valuesEntry = entry("values") else {
      reader.report(
        reader.location(of: node), "'store' needs 'values: { name: value }', the secrets to keep")
      return nil
    }
    guard let values = reader.entries(valuesEntry.value, "'values'") else { return nil }
    guard !values.isEmpty else {
      reader.report(reader.location(of: valuesEntry.value), "'values' of 'store' needs at least one name: value")
      return nil
    }
    var step = StoreStep(values: values, location: reader.location(of: node))
    step.file = entry("to_file").flatMap { reader.template($0.value, "'to_file'") }
    step.command = entry("to_command").flatMap { reader.template($0.value, "'to_command'") }
    step.show = entry("show").flatMap { reader.condition($0.value, "'show'") }
    guard entry("to_file") != nil || entry("to_command") != nil || entry("show") != nil else {
      reader.report(
        reader.location(of: node),
        "'store' keeps the values nowhere: give to_file (a new file of mode 0600), to_command (a command that reads them on stdin) or show (print them once on a terminal)"
      )
      return nil
    }
    return .store(step)
  }

  /// `wait_for: TYPE` with `where`, `timeout` and `extract` beside it.
  private func waitFor(_ node: Node, _ entry: (String) -> YAMLReader.Entry?) -> StepKind? {
    guard let type = reader.located(node, "'wait_for'") else { return nil }
    if !WaitForStep.eventTypes.contains(type.value) {
      reader.report(
        type.location,
        "'wait_for' takes an event type of section 4, not '\(type.value)'\(YAMLReader.didYouMean(type.value, WaitForStep.eventTypes)); "
          + "one of \(WaitForStep.eventTypes.joined(separator: ", "))")
      return nil
    }
    var step = WaitForStep(type: type)
    step.condition = entry("where").flatMap { reader.condition($0.value, "'where'") }
    step.timeout = entry("timeout").flatMap { reader.duration($0.value, "'timeout'") }
    step.extract = entry("extract").flatMap { reader.entries($0.value, "'extract'") } ?? []
    return .waitFor(step)
  }

  private func call(_ node: Node, _ entry: (String) -> YAMLReader.Entry?) -> CallStep? {
    guard let endpoint = reader.located(node, "'call'") else { return nil }
    var step = CallStep(endpoint: endpoint)
    if let with = entry("with") { step.arguments = reader.entries(with.value, "'with'") ?? [] }
    if let extract = entry("extract") { step.extract = reader.entries(extract.value, "'extract'") ?? [] }
    if let expect = entry("expect") { step.expect = expectation(expect.value) }
    let until = entry("until")
    if let poll = entry("poll") {
      step.poll = self.poll(poll.value, shortFormUntil: until)
    } else if let until {
      reader.report(until.keyLocation, "'until' belongs to 'poll'; write poll: { every: 5s, until: ... }")
    }
    return step
  }

  private func expectation(_ node: Node) -> Expectation? {
    guard let entries = reader.mapping(node, "'expect'") else { return nil }
    reader.checkKeys(entries, allowed: Self.expectKeys, in: "'expect'")
    var expectation = Expectation(location: reader.location(of: node))
    for entry in entries {
      switch entry.key {
      case "status":
        let nodes: [Node]
        if case .sequence(let sequence) = entry.value { nodes = Array(sequence) } else { nodes = [entry.value] }
        var patterns: [StatusPattern] = []
        for item in nodes {
          guard case .scalar(let scalar) = item, let pattern = StatusPattern(scalar.string) else {
            let shown = item.scalar.map { "'\($0.string)'" } ?? reader.shape(of: item)
            reader.report(
              reader.location(of: item),
              "an expected status is a code from 100 to 599 or a family such as 2xx, not \(shown)")
            continue
          }
          patterns.append(pattern)
        }
        expectation.status = patterns
      case "that":
        let nodes: [Node]
        if case .sequence(let sequence) = entry.value { nodes = Array(sequence) } else { nodes = [entry.value] }
        expectation.that = nodes.compactMap { reader.condition($0, "an 'expect.that' item") }
      default: break
      }
    }
    return expectation
  }

  private func poll(_ node: Node, shortFormUntil until: YAMLReader.Entry?) -> Poll? {
    let location = reader.location(of: node)
    if case .scalar = node {
      guard let every = reader.duration(node, "'poll'") else { return nil }
      let condition = until.flatMap { reader.condition($0.value, "'until'") }
      return Poll(every: every, until: condition, location: location)
    }
    if let until {
      reader.report(
        until.keyLocation, "'until' beside 'poll' is for the short form `poll: 5s`; move it into the poll mapping")
    }
    guard let entries = reader.mapping(node, "'poll'") else { return nil }
    reader.checkKeys(entries, allowed: Self.pollKeys, in: "'poll'")
    var poll = Poll(every: .seconds(5), location: location)
    var every: Duration? = nil
    for entry in entries {
      switch entry.key {
      case "every": every = reader.duration(entry.value, "'every'")
      case "until": poll.until = reader.condition(entry.value, "'until'")
      case "fail_if": poll.failIf = reader.condition(entry.value, "'fail_if'")
      case "timeout": poll.timeout = reader.duration(entry.value, "'timeout'")
      case "backoff":
        guard case .scalar(let scalar) = entry.value, let factor = YAMLReader.scalarValue(scalar).doubleValue,
          factor >= 1
        else {
          reader.report(
            reader.location(of: entry.value),
            "'backoff' must be a number of at least 1 (the factor by which the interval grows)")
          continue
        }
        poll.backoff = factor
      case "max_every": poll.maxEvery = reader.duration(entry.value, "'max_every'")
      default: break
      }
    }
    if let every {
      poll.every = every
    } else if !entries.contains(where: { $0.key == "every" }) {
      reader.report(location, "'poll' needs 'every' (how often to call), such as every: 5s")
    }
    if let maxEvery = poll.maxEvery, let entry = entries.first(where: { $0.key == "max_every" }) {
      if poll.backoff == nil {
        reader.report(
          entry.keyLocation,
          "'max_every' caps the interval that 'backoff' grows, but this poll has no 'backoff'; add one (such as backoff: 2) or remove 'max_every'"
        )
      } else if let every, maxEvery < every {
        reader.report(
          reader.location(of: entry.value),
          "'max_every' (\(PlaybookDuration.format(maxEvery))) is shorter than 'every' (\(PlaybookDuration.format(every))); it caps how long the interval grows"
        )
      }
    }
    return poll
  }
}
