public import Playbook
public import ReachCatalogue

/// How a run ended. `exitCode` is the CLI's: 0 passed, 1 a step or expectation failed,
/// 2 invalid playbook or inputs (nothing sent), 3 aborted (rate limit exhausted, interrupted).
public enum RunOutcome: Sendable, Hashable {
  case passed
  case failed(String)
  case invalid([Diagnostic])
  case aborted(String)

  public var exitCode: Int32 {
    switch self {
    case .passed: return 0
    case .failed: return 1
    case .invalid: return 2
    case .aborted: return 3
    }
  }
}

/// The end of a run: how it went and the playbook's outputs (empty unless it passed).
public struct RunResult: Sendable, Hashable {
  public var outcome: RunOutcome
  public var outputs: [String: JSONValue]

  public init(outcome: RunOutcome, outputs: [String: JSONValue] = [:]) {
    self.outcome = outcome
    self.outputs = outputs
  }
}
