import Playbook
public import ReachCatalogue

/// A run's events folded into what the Markdown and HTML reports show: one row per step in the
/// order the steps started, each with its result, time, evidence and logs.
public struct RunSummary: Sendable, Hashable {
  public enum Result: String, Sendable, Hashable {
    case passed, failed, skipped, aborted, manual
    /// Done by a person by hand (a `customer` step against a platform that is not a sandbox).
    case byPerson = "by-person"
  }

  public struct Row: Sendable, Hashable {
    public var step: StepReference
    public var result: Result
    public var duration: Duration = .zero
    /// Why it failed or was skipped.
    public var message: String?
    public var extracted: [String: JSONValue] = [:]
    public var evidence: [Evidence] = []
    public var logs: [String] = []
  }

  public var playbook = "playbook"
  public var file = ""
  public var rows: [Row] = []
  /// Nil when the events end before the run did.
  public var outcome: RunOutcome?
  public var duration: Duration = .zero
  /// Where the answers differed from the catalogue, each difference once (issue 16).
  public var drift: [Drift] = []

  public struct Drift: Sendable, Hashable {
    public var difference: ContractDifference
    public var firstStep: String
  }

  public init(_ events: [RunEvent]) {
    var open: [StepReference: Int] = [:]
    for event in events {
      switch event {
      case .runStarted(let playbook, let file):
        self.playbook = playbook
        self.file = file
      case .stepStarted(let step):
        open[step] = rows.count
        rows.append(Row(step: step, result: .passed))
      case .stepSkipped(let step, let condition):
        rows.append(Row(step: step, result: .skipped, message: "if \(condition) did not hold"))
      case .evidence(let step, let evidence):
        if let index = open[step] { rows[index].evidence.append(evidence) }
      case .logged(let step, let message):
        if let index = open[step] { rows[index].logs.append(message) }
      case .stepFinished(let step, let outcome, let duration, let extracted):
        let index = open.removeValue(forKey: step) ?? rows.count
        if index == rows.count { rows.append(Row(step: step, result: .passed)) }
        rows[index].duration = duration
        rows[index].extracted = extracted
        switch outcome {
        case .passed: rows[index].result = .passed
        case .skipped(let reason):
          rows[index].result = .skipped
          rows[index].message = reason
        case .manual(let text):
          rows[index].result = .manual
          rows[index].message = text
        case .byPerson(let task):
          rows[index].result = .byPerson
          rows[index].message = "\(task.instructions) at \(task.url)"
        case .failed(let message):
          rows[index].result = .failed
          rows[index].message = message
        case .aborted(let message):
          rows[index].result = .aborted
          rows[index].message = message
        }
      case .runFinished(let outcome, let duration):
        self.outcome = outcome
        self.duration = duration
      case .contractDrift(let step, let difference):
        drift.append(Drift(difference: difference, firstStep: step.description))
      case .callAnswered, .pollAttempt, .rowsStarted, .rowFinished:
        // Bulk rows are in the journal and the csv report, not in this per-step summary.
        break
      }
    }
  }

  public func count(_ result: Result) -> Int { rows.filter { $0.result == result }.count }

  /// `PASSED`, `FAILED`, `ABORTED`, `INVALID`, or `INCOMPLETE` when the run did not finish.
  public var verdict: String {
    switch outcome {
    case .passed: return "PASSED"
    case .failed: return "FAILED"
    case .aborted: return "ABORTED"
    case .invalid: return "INVALID"
    case nil: return "INCOMPLETE"
    }
  }

  /// `12 passed, 1 failed, 2 skipped`, leaving out what is zero (but always `passed`).
  public var counts: String {
    var parts = ["\(count(.passed)) passed"]
    for (result, word) in [
      (Result.failed, "failed"), (.aborted, "aborted"), (.manual, "manual"), (.byPerson, "by a person"),
      (.skipped, "skipped"),
    ]
    where count(result) > 0 {
      parts.append("\(count(result)) \(word)")
    }
    return parts.joined(separator: ", ")
  }

  /// The run's own message (a failure's, an abort's, the diagnostics of an invalid playbook).
  public var outcomeMessage: String? {
    switch outcome {
    case .failed(let message), .aborted(let message): return message
    case .invalid(let diagnostics): return diagnostics.map(\.description).joined(separator: "\n")
    case .passed, nil: return nil
    }
  }

  /// A long poll leaves one piece of evidence per attempt: keep the first three and the last.
  public static func folded(_ evidence: [Evidence]) -> (shown: [Evidence], left: Int) {
    guard evidence.count > 4 else { return (evidence, 0) }
    return (Array(evidence.prefix(3)) + [evidence.last!], evidence.count - 4)
  }
}
