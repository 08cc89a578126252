import Playbook
import ReachCatalogue

/// `--report json=PATH`: one JSON object per run event, one per line, keys sorted.
public enum JSONLinesReport {
  public static func line(_ event: RunEvent) -> String {
    object(event).jsonText()
  }

  public static func text(_ events: [RunEvent]) -> String {
    events.map { line($0) + "\n" }.joined()
  }

  static func object(_ event: RunEvent) -> JSONValue {
    switch event {
    case .runStarted(let playbook, let file):
      return ["event": "runStarted", "playbook": .string(playbook), "file": .string(file)]
    case .stepStarted(let step):
      return step.json(["event": "stepStarted"])
    case .stepSkipped(let step, let condition):
      return step.json(["event": "stepSkipped", "condition": .string(condition)])
    case .callAnswered(let step, let endpointID, let status, let attempts):
      return step.json([
        "event": "callAnswered", "endpoint": .string(endpointID), "status": .int(status), "attempts": .int(attempts),
      ])
    case .pollAttempt(let step, let attempt, let status, let done):
      return step.json(["event": "pollAttempt", "attempt": .int(attempt), "status": .int(status), "done": .bool(done)])
    case .logged(let step, let message):
      return step.json(["event": "logged", "message": .string(message)])
    case .evidence(let step, let evidence):
      var fields: [String: JSONValue] = ["event": "evidence", "subject": .string(evidence.subject)]
      if let status = evidence.status { fields["status"] = .int(status) }
      if let elapsed = evidence.elapsed { fields["elapsedMs"] = .int(elapsed.milliseconds) }
      if let attempts = evidence.attempts { fields["attempts"] = .int(attempts) }
      if let transactionID = evidence.transactionID { fields["transactionId"] = .string(transactionID) }
      if let note = evidence.note { fields["note"] = .string(note) }
      return step.json(fields)
    case .stepFinished(let step, let outcome, let duration, let extracted):
      var fields: [String: JSONValue] = [
        "event": "stepFinished", "durationMs": .int(duration.milliseconds), "extracted": .object(extracted),
      ]
      fields.merge(outcome.json) { a, _ in a }
      return step.json(fields)
    case .contractDrift(let step, let d):
      return step.json([
        "event": "contractDrift", "endpointId": .string(d.endpointID), "kind": .string(d.kind.rawValue),
        "field": .string(d.path), "expected": .string(d.expected), "seen": .string(d.seen),
      ])
    case .rowsStarted(let step, let total, let already, let bad):
      return step.json(["event": "rowsStarted", "total": .int(total), "already": .int(already), "bad": .int(bad)])
    case .rowFinished(let step, let row):
      var fields: [String: JSONValue] = [
        "event": "rowFinished", "row": .int(row.line), "key": .string(row.key),
        "outcome": .string(row.outcome.rawValue),
        "attempts": .int(row.attempts),
      ]
      if let reason = row.reason { fields["reason"] = .string(reason) }
      if let status = row.status { fields["status"] = .int(status) }
      return step.json(fields)
    case .runFinished(let outcome, let duration):
      var fields: [String: JSONValue] = [
        "event": "runFinished", "durationMs": .int(duration.milliseconds), "exitCode": .int(Int(outcome.exitCode)),
      ]
      switch outcome {
      case .passed: fields["outcome"] = "passed"
      case .failed(let message): fields["outcome"] = "failed"; fields["message"] = .string(message)
      case .aborted(let message): fields["outcome"] = "aborted"; fields["message"] = .string(message)
      case .invalid(let diagnostics):
        fields["outcome"] = "invalid"
        fields["diagnostics"] = .array(diagnostics.map { .string($0.description) })
      }
      return .object(fields)
    }
  }
}

extension StepReference {
  func json(_ fields: [String: JSONValue]) -> JSONValue {
    var object = fields
    object["step"] = .string(label)
    object["scope"] = .array(scope.map(JSONValue.string))
    object["file"] = .string(location.file)
    object["line"] = .int(location.line)
    object["column"] = .int(location.column)
    return .object(object)
  }
}

extension StepOutcome {
  var json: [String: JSONValue] {
    switch self {
    case .passed: return ["outcome": "passed"]
    case .manual(let text): return ["outcome": "manual", "message": .string(text)]
    case .byPerson(let task):
      return ["outcome": "by_person", "message": .string(task.instructions), "url": .string(task.url)]
    case .skipped(let reason): return ["outcome": "skipped", "message": .string(reason)]
    case .failed(let message): return ["outcome": "failed", "message": .string(message)]
    case .aborted(let message): return ["outcome": "aborted", "message": .string(message)]
    }
  }
}
