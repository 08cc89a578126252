import Playbook
import ReachCatalogue

/// `--report md=PATH`: the run as Markdown: a summary table (result, playbook and its sha256,
/// target, who ran it and when, reach version), then every step with its result, time and
/// evidence, then each failure in full. `redact` masks whatever the events did not.
public enum MarkdownReport {
  public static func text(_ events: [RunEvent], info: RunInfo, redact: (String) -> String = { $0 }) -> String {
    let summary = RunSummary(events)
    func cell(_ text: String) -> String { escape(redact(text)) }
    var out: [String] = []
    out.append("# \(cell(summary.playbook)): \(summary.verdict)")
    out.append("")
    out.append("| | |")
    out.append("| --- | --- |")
    out.append("| Result | **\(summary.verdict)**: \(summary.counts) in \(ConsoleReport.format(summary.duration)) |")
    out.append("| Playbook | `\(cell(info.file))` |")
    out.append("| SHA-256 | `\(info.sha256)` |")
    out.append("| Target | \(cell(info.target)) |")
    out.append("| Run by | \(cell(info.ranBy)) |")
    out.append("| Started | \(cell(info.startedAt)) |")
    out.append("| reach | \(cell(info.reachVersion)) |")
    if let message = summary.outcomeMessage {
      out.append("")
      out += fenced(redact(message))
    }
    out.append("")
    out.append("## Overview")
    out.append("")
    out.append("| Step | Result | Note |")
    out.append("| --- | --- | --- |")
    for row in summary.rows where row.step.scope.isEmpty {
      let note = row.result == .passed ? "" : Self.note(row)
      out.append("| \(cell(info.title(row.step))) | \(resultLabel(row.result)) | \(cell(note)) |")
    }
    let manual = summary.rows.filter { $0.result == .manual }
    if !manual.isEmpty {
      out.append("")
      out.append("## Manual checks")
      out.append("")
      out.append("A person confirms each of these; write who and when.")
      out.append("")
      out.append("| Check | Step | Confirmed by | Date |")
      out.append("| --- | --- | --- | --- |")
      for row in manual {
        out.append("| \(cell(row.message ?? "")) | \(cell(row.step.description)) | | |")
      }
    }
    let byHand = summary.rows.filter { $0.result == .byPerson }
    if !byHand.isEmpty {
      out.append("")
      out.append("## What a person did by hand")
      out.append("")
      out.append("The step after each of these waited for the platform to report it.")
      out.append("")
      out.append("| Step | What they did |")
      out.append("| --- | --- |")
      for row in byHand {
        out.append("| \(cell(row.step.description)) | \(cell(row.message ?? "")) |")
      }
    }
    out.append("")
    out.append("## Where the platform differs from the catalogue")
    out.append("")
    if summary.drift.isEmpty {
      out.append("Every answer matched its endpoint's description in the catalogue.")
    } else {
      out.append("| Endpoint | Field | Difference | Expected | Seen | First at |")
      out.append("| --- | --- | --- | --- | --- | --- |")
      for drift in summary.drift {
        let d = drift.difference
        out.append(
          "| `\(cell(d.endpointID))` | \(cell(d.path)) | \(d.kind.rawValue) | \(cell(d.expected)) | \(cell(d.seen)) "
            + "| \(cell(drift.firstStep)) |")
      }
    }
    out.append("")
    out.append("## Steps")
    out.append("")
    out.append("| Step | Result | Time | Evidence |")
    out.append("| --- | --- | --- | --- |")
    for row in summary.rows {
      let indent = String(repeating: "&nbsp;&nbsp;", count: row.step.scope.count)
      let name = indent + cell(info.title(row.step))
      out.append(
        "| \(name) | \(resultLabel(row.result)) | \(ConsoleReport.format(row.duration)) | \(evidenceCell(row, redact)) |"
      )
    }
    let problems = summary.rows.filter { $0.result == .failed || $0.result == .aborted }
    if !problems.isEmpty {
      out.append("")
      out.append("## Failures")
      for row in problems {
        out.append("")
        out.append("### \(cell(info.title(row.step))) (`\(cell(row.step.location.description))`)")
        out.append("")
        out += fenced(redact(row.message ?? ""))
      }
    }
    out.append("")
    return out.joined(separator: "\n")
  }

  static func resultLabel(_ result: RunSummary.Result) -> String {
    switch result {
    case .passed: return "✅ pass"
    case .failed: return "❌ **fail**"
    case .aborted: return "⛔ **aborted**"
    case .skipped: return "↷ skipped"
    case .manual: return "☐ manual"
    case .byPerson: return "✋ by a person"
    }
  }

  private static func evidenceCell(_ row: RunSummary.Row, _ redact: (String) -> String) -> String {
    var parts: [String] = []
    let (shown, left) = RunSummary.folded(row.evidence)
    parts += shown.map { escape(redact($0.summary)) }
    if left > 0 { parts.append("… \(left) more") }
    parts += row.extracted.keys.sorted().map { escape(redact("\($0) = \(row.extracted[$0]!.interpolated)")) }
    parts += row.logs.map { "“" + escape(redact($0)) + "”" }
    if [.skipped, .manual, .byPerson].contains(row.result), let message = row.message {
      parts.append(escape(redact(message)))
    }
    return parts.joined(separator: "<br>")
  }

  /// Text safe inside a table cell or heading: no HTML, no pipe, no line break.
  static func escape(_ text: String) -> String {
    MarkupEscaping.escape(text, MarkupEscaping.markdown)
  }

  /// A fenced block that the text cannot close early.
  static func fenced(_ text: String) -> [String] {
    var fence = "```"
    while text.contains(fence) { fence += "`" }
    return [fence + "text", text, fence]
  }

  /// What the overview says of a step that did not pass: a failure's every line (a check's
  /// problems, one a line), else the first line of why.
  static func note(_ row: RunSummary.Row) -> String {
    let message = row.message ?? ""
    if row.result == .failed { return message }
    return message.split(separator: "\n").first.map(String.init) ?? ""
  }
}
