public import ReachCatalogue
public import ReachEndpoints

/// What a step does. A closed set: every stage switches over it exhaustively, so a new kind
/// (`wait_for`, customer actions) is a compile error everywhere it needs handling.
public enum StepKind: Sendable, Hashable {
  case call(CallStep)
  case `switch`(SwitchStep)
  case foreach(ForeachStep)
  case use(UseStep)
  /// `set: { name: value }` — assigns vars.
  case set([TemplateEntry])
  /// `fail: message` — ends the run as failed.
  case fail(Template)
  /// `log: message`.
  case log(Template)
  /// `sleep: 5s` — waits on the run's clock.
  case sleep(Located<Duration>)
  /// `customer: { pay: url }` or `customer: { add_card: url }` — plays the customer on a
  /// sandbox's hosted page; against a platform that is not a sandbox, a person does it.
  case customer(CustomerStep)
  /// `skip: reason` — ends the current foreach item as skipped with the reason (a bulk row the
  /// state does not allow acting on); outside a foreach, ends the run as passed.
  case skip(Template)
  /// `wait_for: PRODUCT_PURCHASE` + `where` + `timeout` + `extract` — waits for a callback or
  /// notification that the run's webhook receiver got.
  case waitFor(WaitForStep)
  /// `check: { webhook: URL, … }` and the other go-live checks.
  case check(CheckStep)
  /// `manual: text` — a requirement a person confirms; reports leave room for who and when.
  case manual(Template)
  /// `store: { values, to_file, to_command, show }` — hands secrets (the one-time access keys) to
  /// where the user says, and nowhere else.
  case store(StoreStep)

  /// The key that introduces the kind in YAML.
  public var keyword: String {
    switch self {
    case .call: return "call"
    case .switch: return "switch"
    case .foreach: return "foreach"
    case .use: return "use"
    case .set: return "set"
    case .fail: return "fail"
    case .log: return "log"
    case .sleep: return "sleep"
    case .customer: return "customer"
    case .skip: return "skip"
    case .waitFor: return "wait_for"
    case .check: return "check"
    case .manual: return "manual"
    case .store: return "store"
    }
  }
}

/// `call` + `with` + `expect` + `extract` + `poll`.
public struct CallStep: Sendable, Hashable {
  public let endpoint: Located<String>
  /// The endpoint, resolved once when the step is read; nil when the catalogue has no such id,
  /// which validation refuses, so a run never meets it.
  public let endpointID: EndpointID?
  public var arguments: [TemplateEntry]
  public var expect: Expectation?
  public var extract: [TemplateEntry]
  public var poll: Poll?

  public init(
    endpoint: Located<String>, arguments: [TemplateEntry] = [], expect: Expectation? = nil,
    extract: [TemplateEntry] = [], poll: Poll? = nil
  ) {
    self.endpoint = endpoint
    self.endpointID = EndpointID(rawValue: endpoint.value)
    self.arguments = arguments
    self.expect = expect
    self.extract = extract
    self.poll = poll
  }
}

/// `expect: { status: 200 | [200, 202] | 2xx, that: [boolean expressions] }`. Without it any
/// non-2xx status fails the step.
public struct Expectation: Sendable, Hashable {
  public var status: [StatusPattern]?
  public var that: [Template]
  public var location: SourceLocation

  public init(status: [StatusPattern]? = nil, that: [Template] = [], location: SourceLocation) {
    self.status = status
    self.that = that
    self.location = location
  }

  /// Whether `code` is an expected status (any 2xx when `status` is not given).
  public func accepts(status code: Int) -> Bool {
    (status ?? [.family(2)]).contains { $0.matches(code) }
  }
}

/// An expected HTTP status: an exact code, or a family such as `2xx`.
public enum StatusPattern: Sendable, Hashable, CustomStringConvertible {
  case code(Int)
  case family(Int)

  public init?(_ text: String) {
    if let code = Int(text), (100...599).contains(code) {
      self = .code(code)
    } else if text.count == 3, text.lowercased().hasSuffix("xx"), let digit = Int(text.prefix(1)),
      (1...5).contains(digit)
    {
      self = .family(digit)
    } else {
      return nil
    }
  }

  public func matches(_ code: Int) -> Bool {
    switch self {
    case .code(let c): return c == code
    case .family(let f): return code / 100 == f
    }
  }

  public var description: String {
    switch self {
    case .code(let c): return String(c)
    case .family(let f): return "\(f)xx"
    }
  }
}

/// `poll: { every, until, fail_if, timeout, backoff }`, or the short form `poll: 5s` with `until`
/// beside it. The call repeats every `every` (multiplied by `backoff` after each attempt) until
/// `until` holds; `fail_if` holding or `timeout` passing fails the step.
public struct Poll: Sendable, Hashable {
  public static let defaultTimeout: Duration = .seconds(600)

  public var every: Duration
  public var until: Template?
  public var failIf: Template?
  public var timeout: Duration?
  public var backoff: Double?
  /// The longest interval `backoff` grows to (nil: no cap).
  public var maxEvery: Duration?
  public var location: SourceLocation

  public init(
    every: Duration, until: Template? = nil, failIf: Template? = nil, timeout: Duration? = nil,
    backoff: Double? = nil, maxEvery: Duration? = nil, location: SourceLocation
  ) {
    self.every = every
    self.until = until
    self.failIf = failIf
    self.timeout = timeout
    self.backoff = backoff
    self.maxEvery = maxEvery
    self.location = location
  }
}

/// `switch: expr` + `cases: { value: [steps] }` + `default: [steps]`.
public struct SwitchStep: Sendable, Hashable {
  public var subject: Template
  public var cases: [SwitchCase]
  public var defaultSteps: [Step]?

  public init(subject: Template, cases: [SwitchCase], defaultSteps: [Step]? = nil) {
    self.subject = subject
    self.cases = cases
    self.defaultSteps = defaultSteps
  }

  /// The steps for `value`: the first case whose key is the value's text, else the default.
  public func steps(for value: JSONValue) -> [Step]? {
    cases.first { $0.value == value.interpolated }?.steps ?? defaultSteps
  }
}

public struct SwitchCase: Sendable, Hashable {
  /// The case key as written (`2`, `ACTIVE`); matched against the subject's text form.
  public var value: String
  public var steps: [Step]
  public var location: SourceLocation

  public init(value: String, steps: [Step], location: SourceLocation) {
    self.value = value
    self.steps = steps
    self.location = location
  }
}

/// `foreach: list` + `as: name` + `concurrency: n` + `steps`.
public struct ForeachStep: Sendable, Hashable {
  public var items: TemplateValue
  /// The name each item goes by inside (`item` unless `as` says otherwise).
  public var itemName: String
  public var concurrency: Int
  public var steps: [Step]

  public init(items: TemplateValue, itemName: String = "item", concurrency: Int = 1, steps: [Step]) {
    self.items = items
    self.itemName = itemName
    self.concurrency = concurrency
    self.steps = steps
  }
}

/// `use: other.yaml` + `with: { input: value }`. Its outputs come back as `steps.<id>.<name>`.
public struct UseStep: Sendable, Hashable {
  /// Relative to the directory of the playbook that uses it.
  public var path: Located<String>
  public var arguments: [TemplateEntry]

  public init(path: Located<String>, arguments: [TemplateEntry] = []) {
    self.path = path
    self.arguments = arguments
  }
}

/// What the customer does on a hosted page of the sandbox.
public enum CustomerAction: String, Sendable, Hashable, CaseIterable {
  /// Pays on the payment page at `link.url` (Scenario A step 7).
  case pay
  /// Adds a card on the add-card page (Scenario G step 2).
  case addCard = "add_card"
}

/// `customer: { pay: "${{ … link.url }}", card: "…", expires: "${{ … link.expireDate }}" }`: the
/// page's URL and, optionally, the card number to enter (a sandbox magic card, e.g. one that
/// declines) and the link's deadline (what a person is told when a person does the step).
public struct CustomerStep: Sendable, Hashable {
  public var action: CustomerAction
  public var url: Template
  public var card: Template?
  public var expires: Template?

  public init(action: CustomerAction, url: Template, card: Template? = nil, expires: Template? = nil) {
    self.action = action
    self.url = url
    self.card = card
    self.expires = expires
  }
}

/// `store: { values: { name: value }, to_file: PATH, to_command: COMMAND, show: true }`: the
/// values, as one JSON object, go to a new file of mode 0600 (never over an existing one), to a
/// command's stdin (a secrets manager's CLI), and, when `show` holds and stdout is a terminal,
/// to the terminal once. A destination that evaluates to null is not used; at least one must be
/// used, or the step fails. The values themselves reach no output, report or journal.
public struct StoreStep: Sendable, Hashable {
  public var values: [TemplateEntry]
  public var file: Template?
  public var command: Template?
  public var show: Template?
  public var location: SourceLocation

  public init(
    values: [TemplateEntry], file: Template? = nil, command: Template? = nil, show: Template? = nil,
    location: SourceLocation
  ) {
    self.values = values
    self.file = file
    self.command = command
    self.show = show
    self.location = location
  }
}

/// `wait_for: TYPE` + `where: "${{ event.… }}"` + `timeout: 10m` + `extract`: waits, on the run's
/// clock, until the run's webhook receiver has an event of that type (a 4.2 callback or a 4.1
/// notification) for which `where` holds. Inside `where` and `extract`, `event` is the event's
/// body; after the step, `steps.<id>.event` and the extracted names.
public struct WaitForStep: Sendable, Hashable {
  public static let defaultTimeout: Duration = .seconds(600)
  /// How often the receiver is checked while waiting (on the run's clock).
  public static let checkEvery: Duration = .seconds(1)
  /// The event types of section 4: the callbacks of 4.2, then the notifications of 4.1.
  public static let eventTypes: [String] =
    CallbackType.allCases.map(\.rawValue) + NotificationType.allCases.map(\.rawValue)

  public var type: Located<String>
  public var condition: Template?
  public var timeout: Duration?
  public var extract: [TemplateEntry]

  public init(
    type: Located<String>, condition: Template? = nil, timeout: Duration? = nil, extract: [TemplateEntry] = []
  ) {
    self.type = type
    self.condition = condition
    self.timeout = timeout
    self.extract = extract
  }

  /// `callback` or `notification`: which of the brand's two endpoints receives the type.
  public var endpoint: String {
    CallbackType(rawValue: type.value) != nil ? "callback" : "notification"
  }
}
