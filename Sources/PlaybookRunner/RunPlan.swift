import Playbook
public import ReachCatalogue

/// What a run would do, worked out without sending anything (`--dry-run`): one entry per step,
/// nested steps indented. Values only a response could give read `<from steps.x.y>`.
public struct RunPlan: Sendable, Hashable, CustomStringConvertible {
  public var entries: [PlanEntry]

  public init(entries: [PlanEntry]) {
    self.entries = entries
  }

  /// One line per step: `  info: GET /apisvc/v0/customerinfo?customerId=C-7`.
  public var description: String {
    entries.map { String(repeating: "  ", count: $0.depth) + $0.description }.joined(separator: "\n")
  }
}

public struct PlanEntry: Sendable, Hashable, CustomStringConvertible {
  public var step: StepReference
  public var depth: Int
  /// The step's `if`, as written.
  public var condition: String?
  /// Whether the `if` holds, when what it reads is known before the run (inputs, vars); nil when
  /// only the run can tell.
  public var holds: Bool?
  public var action: PlannedAction

  public init(step: StepReference, depth: Int, condition: String? = nil, holds: Bool? = nil, action: PlannedAction) {
    self.step = step
    self.depth = depth
    self.condition = condition
    self.holds = holds
    self.action = action
  }

  /// A condition known to hold is left out; one known not to hold says the step will not run.
  public var description: String {
    switch (condition, holds) {
    case (let condition?, false?): return step.label + ": skipped, \(condition) does not hold"
    case (let condition?, nil): return step.label + ": if \(condition): " + action.description
    default: return step.label + ": " + action.description
    }
  }
}

public enum PlannedAction: Sendable, Hashable, CustomStringConvertible {
  /// A request as it would go out (body redacted), and the poll that would repeat it.
  case call(endpointID: String, method: HTTPMethod, pathAndQuery: String, body: JSONValue?, poll: String?)
  case branch(on: String, cases: [String])
  case each(items: String, name: String, concurrency: Int)
  case use(file: String, inputs: JSONValue)
  case set(JSONValue)
  case fail(String)
  case log(String)
  case sleep(Duration)
  case customer(String, url: String)
  case skip(String)
  case check(String)
  case manual(String)
  /// `store`: the names of the values kept (never the values) and where they would go.
  case store(names: [String], places: [String])
  /// `wait_for`: the event type, the endpoint that receives it, the condition and the timeout.
  case waitFor(String, endpoint: String, where: String?, timeout: Duration)

  public var description: String {
    switch self {
    case .call(let id, let method, let path, let body, let poll):
      var text = "\(method.rawValue) \(path)"
      if let body { text += " " + body.jsonText() }
      text += " (\(id))"
      if let poll { text += ", \(poll)" }
      return text
    case .branch(let subject, let cases): return "switch on \(subject): cases \(cases.joined(separator: ", "))"
    case .each(let items, let name, let concurrency):
      return "foreach \(name) in \(items)" + (concurrency > 1 ? ", \(concurrency) at a time" : "")
    case .use(let file, let inputs): return "use \(file) with \(inputs.jsonText())"
    case .set(let values): return "set \(values.jsonText())"
    case .fail(let message): return "fail: \(message)"
    case .log(let message): return "log: \(message)"
    case .sleep(let duration): return "sleep \(PlaybookDuration.format(duration))"
    case .customer(let action, let url):
      return "customer \(action) at \(url) (played on a sandbox, a person's step on a target)"
    case .skip(let reason): return "skip this item: \(reason)"
    case .check(let what): return "check \(what)"
    case .manual(let text): return "manual: \(text)"
    case .store(let names, let places):
      return "store \(names.joined(separator: ", ")) to " + places.joined(separator: ", ")
    case .waitFor(let type, let endpoint, let condition, let timeout):
      return "wait for a \(type) \(endpoint)" + (condition.map { " where \($0)" } ?? "")
        + ", timeout \(PlaybookDuration.format(timeout))"
    }
  }
}
