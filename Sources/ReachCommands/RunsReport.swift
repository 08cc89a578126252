import Foundation
public import ReachCatalogue
public import RunJournal

/// What `reach runs list` and `reach runs show` print, as text or JSON.
public enum RunsReport {
  static func timestamp(_ date: Date?) -> String {
    guard let date else { return "-" }
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: date)
  }

  public static func listText(_ runs: [RunRecord]) -> String {
    guard !runs.isEmpty else { return "no runs in the journal yet\n" }
    let header = ["RUN", "STARTED", "OUTCOME", "TARGET", "PLAYBOOK"]
    let rows = runs.map { [$0.id, timestamp($0.startedAt), $0.outcome.rawValue, $0.target, $0.playbookPath] }
    return TextTable.render(header, rows)
  }

  public static func json(_ run: RunRecord) -> JSONValue {
    var object: [String: JSONValue] = [
      "id": .string(run.id), "playbook": .string(run.playbookPath), "playbookHash": .string(run.playbookHash),
      "target": .string(run.target), "user": .string(run.user), "startedAt": .string(timestamp(run.startedAt)),
      "outcome": .string(run.outcome.rawValue),
      "inputs": (try? JSONDecoder().decode(JSONValue.self, from: Data(run.inputs.utf8))) ?? .string(run.inputs),
    ]
    if let finished = run.finishedAt { object["finishedAt"] = .string(timestamp(finished)) }
    if let message = run.message { object["message"] = .string(message) }
    return .object(object)
  }

  public static func detailJSON(
    _ run: RunRecord, steps: [StepRecord], rows: [RowRecord], effects: [EffectRecord]
  ) -> JSONValue {
    guard case .object(var object) = json(run) else { return json(run) }
    object["steps"] = .array(
      steps.map {
        [
          "path": .string($0.path), "outcome": .string($0.outcome.rawValue), "durationMs": .int($0.durationMs),
          "attempts": .int($0.attempts), "message": $0.message.map(JSONValue.string) ?? .null,
        ]
      })
    object["rows"] = .object(counts(rows.map(\.outcome.rawValue)))
    object["effects"] = .object(counts(effects.map(\.state.rawValue)))
    return .object(object)
  }

  public static func detailText(
    _ run: RunRecord, steps: [StepRecord], rows: [RowRecord], effects: [EffectRecord]
  ) -> String {
    var out = "run \(run.id): \(run.outcome.rawValue)\n"
    out += "  playbook  \(run.playbookPath) (sha256 \(run.playbookHash.prefix(12)))\n"
    out += "  target    \(run.target)\n  by        \(run.user)\n"
    out += "  started   \(timestamp(run.startedAt))\n  finished  \(timestamp(run.finishedAt))\n"
    if let message = run.message { out += "  message   \(message)\n" }
    out += "  inputs    \(run.inputs)\n"
    if !steps.isEmpty {
      out += "steps:\n"
      for step in steps {
        out += "  \(step.outcome.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(step.path)"
        out += " (\(step.durationMs) ms\(step.attempts > 1 ? ", \(step.attempts) attempts" : ""))"
        out += step.message.map { ": \($0)" } ?? ""
        out += "\n"
      }
    }
    if !rows.isEmpty {
      out += "rows: " + summary(counts(rows.map(\.outcome.rawValue))) + " of \(rows.count)\n"
    }
    if !effects.isEmpty {
      out += "effects: " + summary(counts(effects.map(\.state.rawValue))) + "\n"
    }
    if run.outcome == .interrupted || run.outcome == .aborted || run.outcome == .running {
      out += "resume with: reach run \(run.playbookPath) --resume \(run.id)\n"
    }
    return out
  }

  static func counts(_ values: [String]) -> [String: JSONValue] {
    var result: [String: Int] = [:]
    for value in values { result[value, default: 0] += 1 }
    return result.mapValues(JSONValue.int)
  }

  static func summary(_ counts: [String: JSONValue]) -> String {
    counts.keys.sorted().map { "\(counts[$0]!.intValue ?? 0) \($0)" }.joined(separator: ", ")
  }
}
