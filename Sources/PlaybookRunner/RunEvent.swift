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
  /// What a step observed that a report should show: a call's HTTP status, response time and
  /// transaction id, or a check's finding. Redacted before it is emitted.
  case evidence(StepReference, Evidence)
  /// `duration` is measured on the run's clock; `extracted` holds what the step extracted.
  case stepFinished(StepReference, StepOutcome, duration: Duration, extracted: [String: JSONValue])
  case runFinished(RunOutcome, duration: Duration)
  /// A foreach over a streamed csv input starts: `total` good rows, `already` of them finished
  /// by the run being resumed, `bad` lines refused by the check.
  case rowsStarted(StepReference, total: Int, already: Int, bad: Int)
  /// One row of a streamed foreach ended. (The steps inside a streamed row emit no events.)
  case rowFinished(StepReference, RowResult)
  /// An answer differed from the catalogue in a way not met before in this run (issue 16).
  case contractDrift(StepReference, ContractDifference)
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
  /// A `manual` step: a person must confirm the requirement; it does not fail the run.
  case manual(String)
  /// A `skip` step: it ended its foreach item (or, outside one, the run) with this reason.
  case skipped(String)
  case failed(String)
  case aborted(String)
  /// A `customer` step against a platform that is not a sandbox: a person does it by hand; the
  /// step that waits for the platform to report it says whether they did.
  case byPerson(PersonTask)
}

/// What a person must do by hand: the hosted page, and what to enter there by when.
public struct PersonTask: Sendable, Hashable, CustomStringConvertible {
  /// What to do, e.g. `pay on the hosted payment page with the card ending 4242 before …`.
  public var instructions: String
  /// The hosted page.
  public var url: String
  /// The action in a few words (`pay`, `add a card`), for the step that waits for it.
  public var action: String

  public init(instructions: String, url: String, action: String = "do it") {
    self.instructions = instructions
    self.url = url
    self.action = action
  }

  /// `by a person: pay … at <url>`.
  public var description: String { "by a person: \(instructions) at \(url)" }
}

/// One observation behind a step's outcome. `subject` is what was asked (an endpoint id, a URL,
/// a file); the rest is what came back, when it applies.
public struct Evidence: Sendable, Hashable {
  public var subject: String
  public var status: Int?
  /// How long the answer took: a call's real response time (its last attempt), a post's.
  public var elapsed: Duration?
  public var attempts: Int?
  public var transactionID: String?
  public var note: String?

  public init(
    subject: String, status: Int? = nil, elapsed: Duration? = nil, attempts: Int? = nil,
    transactionID: String? = nil, note: String? = nil
  ) {
    self.subject = subject
    self.status = status
    self.elapsed = elapsed
    self.attempts = attempts
    self.transactionID = transactionID
    self.note = note
  }

  /// `customer.info → HTTP 200 in 35ms (2 attempts), transactionId T-1: note`.
  public var summary: String {
    var text = subject
    if let status { text += " → HTTP \(status)" }
    if let elapsed { text += " in \(ConsoleReport.format(elapsed))" }
    if let attempts, attempts > 1 { text += " (\(attempts) attempts)" }
    if let transactionID { text += ", transactionId \(transactionID)" }
    if let note { text += (status == nil && elapsed == nil ? ": " : "; ") + note }
    return text
  }
}
