import Playbook
import ReachCatalogue

/// The console's view of a run: one line per step with its outcome, duration and what it
/// extracted, poll attempts, logs, and a summary. Colour is the caller's choice (a TTY without
/// `NO_COLOR`); values are already redacted in the events. What the events carry from outside
/// (messages, reasons, values, keys, names) is made inert for the terminal (``TerminalText``):
/// one line each, a message of many lines split into lines, so no value can forge a line.
public struct ConsoleReport: Sendable {
  public var colour: Bool
  /// Whether a URL a person must open is printed as a clickable link (OSC 8), for a terminal
  /// that supports it; the URL itself is printed too.
  public var hyperlinks = false
  private var passed = 0
  private var byPerson = 0
  private var failed = 0
  private var skipped = 0
  private var rows: [RowResult.Outcome: Int] = [:]
  private var manual = 0
  private var drift = 0
  /// What failed steps said, so that the run's own message is printed only when it is news
  /// (the list of failed checks).
  private var failures: [String] = []

  public init(colour: Bool) {
    self.colour = colour
  }

  /// The lines to print for `event` (none for some), updating the counts for the summary.
  public mutating func lines(for event: RunEvent) -> [String] {
    switch event {
    case .runStarted(let playbook, let file):
      return [paint("▶ \(inert(playbook))", .bold) + " (\(inert(file)))"]
    case .stepStarted, .callAnswered, .evidence:
      return []
    case .stepSkipped(let step, let condition):
      skipped += 1
      return [paint("↷", .yellow) + " \(inert(step)) skipped: \(inert(condition)) did not hold"]
    case .pollAttempt(let step, let attempt, let status, let done):
      // A long poll is folded: the first attempts, every tenth, and the one that ends it.
      guard done || attempt <= 3 || attempt % 10 == 0 else { return [] }
      return ["  ⟳ \(inert(step)) attempt \(attempt): HTTP \(status)" + (done ? ", done" : ", not yet")]
    case .logged(let step, let message):
      return ["  · \(inert(step)): \(inert(message))"]
    case .stepFinished(let step, let outcome, let duration, let extracted):
      let time = Self.format(duration)
      let step = inert(step)
      let values = extracted.keys.sorted().map { inert("\($0)=\(extracted[$0]!.interpolated)") }.joined(separator: " ")
      switch outcome {
      case .passed:
        passed += 1
        return [paint("✔", .green) + " \(step) \(time)" + (values.isEmpty ? "" : "  " + values)]
      case .manual(let text):
        manual += 1
        return [paint("☐", .yellow) + " \(step) manual: \(inert(text))"]
      case .byPerson(let task):
        byPerson += 1
        return [
          paint("✋", .yellow) + " \(step) by a person: \(inert(task.instructions))",
          "    open " + link(task.url),
        ]
      case .skipped(let reason):
        skipped += 1
        return [paint("↷", .yellow) + " \(step) skipped: \(inert(reason))"]
      case .failed(let message), .aborted(let message):
        failed += 1
        failures.append(message)
        let lines = inertLines(message)
        return [paint("✘", .red) + " \(step) \(time)  " + (lines.first ?? "")] + lines.dropFirst().map { "    " + $0 }
      }
    case .contractDrift(let step, let difference):
      drift += 1
      return [paint("  ≠", .yellow) + " drift: \(inert(difference.summary)) (first at \(inert(step)))"]
    case .rowsStarted(let step, let total, let already, let bad):
      var line = "  ☰ \(inert(step)): \(total) row\(total == 1 ? "" : "s")"
      if already > 0 { line += ", \(already) already finished by the run being resumed" }
      if bad > 0 { line += ", \(bad) bad line\(bad == 1 ? "" : "s") skipped" }
      return [line]
    case .rowFinished(let step, let row):
      rows[row.outcome, default: 0] += 1
      // Done rows are counted, not listed: a bulk run has thousands.
      switch row.outcome {
      case .done: return []
      case .skipped:
        return [
          paint("  ↷", .yellow)
            + " \(inert(step)) line \(row.line) \(inert(row.key)): skipped: \(inert(row.reason ?? ""))"
        ]
      case .failed:
        let code = row.status.map { " (HTTP \($0), \(row.attempts) attempt\(row.attempts == 1 ? "" : "s"))" } ?? ""
        return [
          paint("  ✘", .red) + " \(inert(step)) line \(row.line) \(inert(row.key)): \(inert(row.reason ?? ""))\(code)"
        ]
      }
    case .runFinished(let outcome, let duration):
      var counts =
        "\(passed) passed, \(failed) failed, \(skipped) skipped"
        + (manual > 0 ? ", \(manual) manual" : "") + (byPerson > 0 ? ", \(byPerson) by a person" : "")
        + " in \(Self.format(duration))"
      if !rows.isEmpty {
        counts +=
          "; rows: \(rows[.done, default: 0]) done, \(rows[.skipped, default: 0]) skipped, "
          + "\(rows[.failed, default: 0]) failed"
      }
      if drift > 0 { counts += "; \(drift) difference\(drift == 1 ? "" : "s") from the catalogue" }
      switch outcome {
      case .passed: return [paint("PASSED", .green) + " " + counts]
      case .failed(let message):
        let news = !failures.contains { $0.hasPrefix(message) }
        return [paint("FAILED", .red) + " " + counts] + (news ? inertLines(message) : [])
      case .aborted(let message): return [paint("ABORTED", .red) + " " + counts] + inertLines(message)
      case .invalid(let diagnostics):
        return diagnostics.flatMap { inertLines($0.description) } + [paint("INVALID", .red) + ": nothing was sent"]
      }
    }
  }

  /// `url` made inert, and wrapped in an OSC 8 hyperlink when the terminal takes them. The
  /// link's target is the inert text too, so nothing from outside reaches the escape but
  /// printable characters.
  private func link(_ url: String) -> String {
    let text = inert(url)
    guard hyperlinks, text.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else { return text }
    return "\u{1B}]8;;\(text)\u{1B}\\\(text)\u{1B}]8;;\u{1B}\\"
  }

  /// One value on one line, inert.
  private func inert(_ text: some CustomStringConvertible) -> String { TerminalText.field(text.description) }

  /// A message of many lines, each inert.
  private func inertLines(_ text: String) -> [String] {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { TerminalText.field(String($0)) }
  }

  enum Style: String {
    case bold = "1", red = "31", green = "32", yellow = "33"
  }

  private func paint(_ text: String, _ style: Style) -> String {
    colour ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
  }

  /// `850ms`, `2.4s`, `3m05s`.
  static func format(_ duration: Duration) -> String {
    let ms = duration.milliseconds
    if ms < 1000 { return "\(ms)ms" }
    if ms < 60_000 { return "\(ms / 1000).\(ms % 1000 / 100)s" }
    let seconds = ms / 1000
    return "\(seconds / 60)m" + (seconds % 60 < 10 ? "0" : "") + "\(seconds % 60)s"
  }
}
