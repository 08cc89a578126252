public import Playbook
public import ReachCatalogue

/// What happens during a run, in order. Reporters (console, JSON lines, JUnit) consume these
/// and nothing else.
public enum RunEvent: Sendable, Hashable {
  case runStarted(playbook: String, file: String)
  case stepStarted(StepReference)
  /// The step's `if` did not hold.
  case stepSkipped(StepReference, condition: String)
  /// A call's final answer (after the client's retries).
  case callAnswered(StepReference, endpointID: String, status: Int, attempts: Int)
  /// One attempt of a poll: `done` when `until` held.
  case pollAttempt(StepReference, attempt: Int, status: Int, done: Bool)
  case logged(StepReference, message: String)
  /// `duration` is measured on the run's clock; `extracted` holds what the step extracted.
  case stepFinished(StepReference, StepOutcome, duration: Duration, extracted: [String: JSONValue])
  case runFinished(RunOutcome, duration: Duration)
  /// A foreach over a streamed csv input starts: `total` good rows, `already` of them finished
  /// by the run being resumed, `bad` lines refused by the check.
  case rowsStarted(StepReference, total: Int, already: Int, bad: Int)
  /// One row of a streamed foreach ended. (The steps inside a streamed row emit no events.)
  case rowFinished(StepReference, RowResult)
}

/// A step as events name it: its label, the labels of what encloses it (`use` steps, foreach
/// items as `each[2]`), and where it is written.
public struct StepReference: Sendable, Hashable, CustomStringConvertible {
  public var scope: [String]
  public var label: String
  public var location: SourceLocation

  public init(scope: [String], label: String, location: SourceLocation) {
    self.scope = scope
    self.label = label
    self.location = location
  }

  public var description: String { (scope + [label]).joined(separator: " › ") }
}

public enum StepOutcome: Sendable, Hashable {
  case passed
  case failed(String)
  case aborted(String)
}
