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
  /// The outputs that are or are computed from a secret.
  public var secretOutputs: Set<String>

  public init(outcome: RunOutcome, outputs: [String: JSONValue] = [:], secretOutputs: Set<String> = []) {
    self.outcome = outcome
    self.outputs = outputs
    self.secretOutputs = secretOutputs
  }

  /// The outputs as any channel may show them: a secret one as `***` (a card number's last four
  /// digits after it), whatever its length.
  public var shownOutputs: [String: JSONValue] {
    SecretTaint.shown(outputs, secret: secretOutputs)
  }
}
