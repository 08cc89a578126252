import Foundation
public import ReachCatalogue
public import RunJournal

/// What `reach runs list` and `reach runs show` print, as text or JSON. In text, what the journal
/// keeps from outside (messages, targets, inputs, ids) is made inert for the terminal: a value is
/// one line (``TerminalText/field(_:)``), a message's further lines are indented under it.
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
      "inputs": (try? JSONParser.parse(bytes: run.inputs.utf8)) ?? .string(run.inputs),
    ]
    if let finished = run.finishedAt { object["finishedAt"] = .string(timestamp(finished)) }
    if let message = run.message { object["message"] = .string(message) }
    return .object(object)
  }

  public static func detailJSON(
    _ run: RunRecord, steps: [StepRecord], rows: [RowRecord], effects: [EffectRecord],
    customers: [CustomerRecord] = []
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
    if let latency = rowLatency(rows) {
      object["rowLatencyMs"] = ["p50": .int(latency.p50), "p99": .int(latency.p99)]
    }
    object["customers"] = .array(customers.map { .string($0.customerId) })
    object["effects"] = .object(counts(effects.map(\.state.rawValue)))
    return .object(object)
  }

  public static func detailText(
    _ run: RunRecord, steps: [StepRecord], rows: [RowRecord], effects: [EffectRecord],
    customers: [CustomerRecord] = [], journal: String = RunJournal.defaultPath
  ) -> String {
    let field = TerminalText.field
    var out = "run \(field(run.id)): \(run.outcome.rawValue)\n"
    out += "  playbook  \(field(run.playbookPath)) (sha256 \(field(String(run.playbookHash.prefix(12)))))\n"
    out += "  target    \(field(run.target))\n  by        \(field(run.user))\n"
    out += "  started   \(timestamp(run.startedAt))\n  finished  \(timestamp(run.finishedAt))\n"
    if let message = run.message { out += "  message   \(indented(message, by: 12))\n" }
    out += "  inputs    \(field(run.inputs))\n"
    if !steps.isEmpty {
      out += "steps:\n"
      for step in steps {
        out += "  \(step.outcome.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(field(step.path))"
        out += " (\(step.durationMs) ms\(step.attempts > 1 ? ", \(step.attempts) attempts" : ""))"
        out += step.message.map { ": \(indented($0, by: 4))" } ?? ""
        out += "\n"
      }
    }
    if !rows.isEmpty {
      out += "rows: " + summary(counts(rows.map(\.outcome.rawValue))) + " of \(rows.count)"
      if let latency = rowLatency(rows) { out += " (per row p50 \(latency.p50) ms, p99 \(latency.p99) ms)" }
      out += "\n"
    }
    if !effects.isEmpty {
      out += "effects: " + summary(counts(effects.map(\.state.rawValue))) + "\n"
    }
    if !customers.isEmpty {
      out +=
        "customers learned from purchases: " + customers.map { field($0.customerId) }.joined(separator: ", ") + "\n"
    }
    if run.outcome == .interrupted || run.outcome == .aborted || run.outcome == .running {
      let vars = ResumeCommand.assignments(
        journaled: (try? JSONParser.parse(bytes: run.inputs.utf8)) ?? .null)
      out += "resume with: " + ResumeCommand.short(journal: journal, runId: run.id) + "\n"
      if ResumeCommand.masksSecret(vars) { out += "  " + ResumeCommand.secretsNote + "\n" }
    }
    return out
  }

  /// `text`'s lines, each inert, the second and later indented by `width` spaces.
  static func indented(_ text: String, by width: Int) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { TerminalText.field(String($0)) }
      .joined(separator: "\n" + String(repeating: " ", count: width))
  }

  /// The median and 99th percentile of the rows' durations (nearest rank), if they were timed.
  public static func rowLatency(_ rows: [RowRecord]) -> (p50: Int, p99: Int)? {
    let durations = rows.compactMap(\.durationMs).sorted()
    guard !durations.isEmpty else { return nil }
    func rank(_ p: Double) -> Int { durations[max(0, Int((p * Double(durations.count)).rounded(.up)) - 1)] }
    return (rank(0.50), rank(0.99))
  }

  /// `reach runs customers`: a CSV whose first column is customerId, a bulk run's input as is.
  public static func customersCSV(_ customers: [CustomerRecord]) -> String {
    var out = "customerId,clientAccountId,runId,learnedAt\n"
    for customer in customers {
      out +=
        [
          csvField(customer.customerId), csvField(customer.clientAccountId ?? ""),
          csvField(customer.runId), timestamp(customer.learnedAt),
        ].joined(separator: ",") + "\n"
    }
    return out
  }

  /// RFC 4180, a would-be formula neutralised (``CSVCell``).
  static func csvField(_ text: String) -> String { CSVCell.encode(text) }

  public static func json(_ customer: CustomerRecord) -> JSONValue {
    [
      "customerId": .string(customer.customerId),
      "clientAccountId": customer.clientAccountId.map(JSONValue.string) ?? .null,
      "runId": .string(customer.runId), "learnedAt": .string(timestamp(customer.learnedAt)),
    ]
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
