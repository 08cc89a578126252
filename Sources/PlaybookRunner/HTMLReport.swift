import Playbook
import ReachCatalogue

/// `--report html=PATH`: one self-contained HTML file (inline CSS, no script, no external asset)
/// that prints well. A summary a person can hand over comes first (result, counts, what failed,
/// playbook and its sha256, target, who ran it and when, reach version), then every step with
/// its result, time and evidence, then each failure in full. `redact` masks whatever the events
/// did not; every text is HTML-escaped.
public enum HTMLReport {
  public static func html(_ events: [RunEvent], info: RunInfo, redact: (String) -> String = { $0 }) -> String {
    let summary = RunSummary(events)
    func text(_ value: String) -> String { escape(redact(value)) }
    let verdictClass = summary.outcome == .passed ? "passed" : "failed"
    let problems = summary.rows.filter { $0.result == .failed || $0.result == .aborted }
    var body: [String] = []
    body.append("<header class=\"summary \(verdictClass)\">")
    body.append("<p class=\"kicker\">reach run report</p>")
    body.append("<h1>\(text(summary.playbook))</h1>")
    body.append(
      "<p class=\"verdict\"><span class=\"badge \(verdictClass)\">\(summary.verdict)</span> "
        + "<span class=\"counts\">\(text(summary.counts)) in \(ConsoleReport.format(summary.duration))</span></p>")
    if !problems.isEmpty {
      body.append(
        "<p class=\"attention\">Failed: " + problems.map { text($0.step.description) }.joined(separator: ", ") + "</p>")
    }
    body.append("<table class=\"meta\">")
    for (label, value, code) in [
      ("Playbook", info.file, true), ("SHA-256", info.sha256, true), ("Target", info.target, false),
      ("Run by", info.ranBy, false), ("Started", info.startedAt, false), ("reach", info.reachVersion, false),
    ] {
      let shown = code ? "<code>\(text(value))</code>" : text(value)
      body.append("<tr><th>\(label)</th><td>\(shown)</td></tr>")
    }
    body.append("</table>")
    if let message = summary.outcomeMessage {
      body.append("<pre class=\"outcome\">\(text(message))</pre>")
    }
    body.append("</header>")
    body.append("<section class=\"overview\"><h2>Overview</h2>")
    body.append("<table class=\"steps\"><thead><tr><th>Step</th><th>Result</th><th>Note</th></tr></thead><tbody>")
    for row in summary.rows where row.step.scope.isEmpty {
      let note = row.result == .passed ? "" : Self.note(row)
      body.append(
        "<tr class=\"\(row.result.rawValue)\"><td class=\"step\">\(text(info.title(row.step)))</td>"
          + "<td><span class=\"result \(row.result.rawValue)\">\(label(row.result))</span></td>"
          + "<td class=\"note\">\(text(note))</td></tr>")
    }
    body.append("</tbody></table></section>")
    let manual = summary.rows.filter { $0.result == .manual }
    if !manual.isEmpty {
      body.append("<section class=\"manual\"><h2>Manual checks</h2>")
      body.append("<p>A person confirms each of these; write who and when.</p>")
      body.append(
        "<table class=\"signoff\"><thead><tr><th>Check</th><th>Confirmed by</th><th>Date</th></tr></thead><tbody>")
      for row in manual {
        body.append(
          "<tr><td>\(text(row.message ?? ""))<span class=\"where\">\(text(row.step.description))</span></td>"
            + "<td class=\"blank\"></td><td class=\"blank\"></td></tr>")
      }
      body.append("</tbody></table></section>")
    }
    let byHand = summary.rows.filter { $0.result == .byPerson }
    if !byHand.isEmpty {
      body.append("<section class=\"by-person\"><h2>What a person did by hand</h2>")
      body.append("<p>The step after each of these waited for the platform to report it.</p>")
      body.append("<table class=\"signoff\"><thead><tr><th>Step</th><th>What they did</th></tr></thead><tbody>")
      for row in byHand {
        body.append(
          "<tr><td>\(text(row.step.description))</td><td>\(text(row.message ?? ""))</td></tr>")
      }
      body.append("</tbody></table></section>")
    }
    body.append("<section class=\"drift\"><h2>Where the platform differs from the catalogue</h2>")
    if summary.drift.isEmpty {
      body.append("<p>Every answer matched its endpoint's description in the catalogue.</p>")
    } else {
      body.append(
        "<table class=\"steps\"><thead><tr><th>Endpoint</th><th>Field</th><th>Difference</th><th>Expected</th>"
          + "<th>Seen</th><th>First at</th></tr></thead><tbody>")
      for drift in summary.drift {
        let d = drift.difference
        body.append(
          "<tr><td><code>\(text(d.endpointID))</code></td><td>\(text(d.path))</td><td>\(d.kind.rawValue)</td>"
            + "<td>\(text(d.expected))</td><td>\(text(d.seen))</td><td>\(text(drift.firstStep))</td></tr>")
      }
      body.append("</tbody></table>")
    }
    body.append("</section>")
    body.append("<section><h2>Every step</h2>")
    body.append(
      "<table class=\"steps\"><thead><tr><th>Step</th><th>Result</th><th>Time</th><th>Evidence</th></tr></thead><tbody>"
    )
    for row in summary.rows {
      let depth = min(row.step.scope.count, 6)
      body.append(
        "<tr class=\"\(row.result.rawValue)\"><td class=\"step depth\(depth)\">\(text(info.title(row.step)))"
          + "<span class=\"where\">\(text(row.step.location.description))</span></td>"
          + "<td><span class=\"result \(row.result.rawValue)\">\(label(row.result))</span></td>"
          + "<td class=\"time\">\(ConsoleReport.format(row.duration))</td>"
          + "<td class=\"evidence\">\(evidence(row, redact))</td></tr>")
    }
    body.append("</tbody></table></section>")
    if !problems.isEmpty {
      body.append("<section class=\"failures\"><h2>Failures</h2>")
      for row in problems {
        body.append(
          "<article><h3>\(text(info.title(row.step))) <span class=\"where\">\(text(row.step.location.description))</span></h3>"
            + "<pre>\(text(row.message ?? ""))</pre></article>")
      }
      body.append("</section>")
    }
    body.append(
      "<footer>Generated by reach \(text(info.reachVersion)) from <code>\(text(info.file))</code> "
        + "(sha256 <code>\(info.sha256.prefix(12))…</code>). Secrets, PINs, account numbers and card data are masked.</footer>"
    )
    return """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(text(summary.playbook)): \(summary.verdict)</title>
      <style>
      \(style)
      </style>
      </head>
      <body>
      \(body.joined(separator: "\n"))
      </body>
      </html>

      """
  }

  static func label(_ result: RunSummary.Result) -> String {
    switch result {
    case .passed: return "pass"
    case .failed: return "fail"
    case .aborted: return "aborted"
    case .skipped: return "skipped"
    case .manual: return "manual"
    case .byPerson: return "by a person"
    }
  }

  private static func evidence(_ row: RunSummary.Row, _ redact: (String) -> String) -> String {
    var items: [String] = []
    let (shown, left) = RunSummary.folded(row.evidence)
    items += shown.map { "<li>\(escape(redact($0.summary)))</li>" }
    if left > 0 { items.append("<li class=\"more\">… \(left) more</li>") }
    items += row.extracted.keys.sorted().map {
      "<li><code>\(escape($0))</code> = \(escape(redact(row.extracted[$0]!.interpolated)))</li>"
    }
    items += row.logs.map { "<li class=\"log\">\(escape(redact($0)))</li>" }
    if [.skipped, .manual, .byPerson].contains(row.result), let message = row.message {
      items.append("<li class=\"why\">\(escape(redact(message)))</li>")
    }
    if row.result == .failed || row.result == .aborted, let message = row.message {
      let first = message.split(separator: "\n").first.map(String.init) ?? message
      items.append("<li class=\"why\">\(escape(redact(first)))</li>")
    }
    return items.isEmpty ? "" : "<ul>" + items.joined() + "</ul>"
  }

  static func escape(_ text: String) -> String {
    MarkupEscaping.escape(text, MarkupEscaping.html)
  }

  static let style = """
    :root { --ok: #1a7f37; --bad: #c62828; --warn: #9a6700; --muted: #5f6b76; --line: #d8dee4; }
    * { box-sizing: border-box; }
    body { font: 14px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1f2328;
      max-width: 1100px; margin: 0 auto; padding: 24px; }
    h1 { font-size: 24px; margin: 2px 0 8px; }
    h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
    h3 { font-size: 14px; margin: 16px 0 6px; }
    code, pre { font: 12px/1.4 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
    pre { background: #f6f8fa; border: 1px solid var(--line); border-radius: 6px; padding: 10px;
      white-space: pre-wrap; word-break: break-word; margin: 6px 0; }
    .summary { border: 1px solid var(--line); border-left: 6px solid var(--ok); border-radius: 8px; padding: 16px 20px; }
    .summary.failed { border-left-color: var(--bad); }
    .kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 11px; color: var(--muted); margin: 0; }
    .verdict { margin: 0 0 12px; }
    .badge { display: inline-block; font-weight: 700; letter-spacing: .05em; padding: 3px 10px; border-radius: 4px;
      color: #fff; background: var(--ok); }
    .badge.failed { background: var(--bad); }
    .counts { color: var(--muted); margin-left: 8px; }
    .attention { color: var(--bad); font-weight: 600; }
    table { border-collapse: collapse; width: 100%; }
    .meta { width: auto; }
    .meta th { text-align: left; font-weight: 600; color: var(--muted); padding: 2px 16px 2px 0; vertical-align: top; }
    .meta td { padding: 2px 0; word-break: break-all; }
    .steps th { text-align: left; font-size: 12px; color: var(--muted); border-bottom: 2px solid var(--line); padding: 6px 8px; }
    .steps td { border-bottom: 1px solid var(--line); padding: 6px 8px; vertical-align: top; }
    .steps tr { break-inside: avoid; }
    .step { font-weight: 600; min-width: 180px; }
    .depth1 { padding-left: 24px !important; } .depth2 { padding-left: 40px !important; }
    .depth3 { padding-left: 56px !important; } .depth4, .depth5, .depth6 { padding-left: 72px !important; }
    .where { display: block; font-weight: 400; font-size: 11px; color: var(--muted); }
    h3 .where { display: inline; margin-left: 6px; }
    .time { white-space: nowrap; font-variant-numeric: tabular-nums; }
    .result { font-weight: 700; font-size: 12px; text-transform: uppercase; white-space: nowrap; }
    .result.passed { color: var(--ok); } .result.failed, .result.aborted { color: var(--bad); }
    .result.skipped { color: var(--muted); } .result.manual, .result.by-person { color: var(--warn); }
    .signoff th { text-align: left; font-size: 12px; color: var(--muted); border-bottom: 2px solid var(--line); padding: 6px 8px; }
    .signoff td { border-bottom: 1px solid var(--line); padding: 10px 8px; vertical-align: top; }
    .signoff td.blank { width: 24%; border-bottom: 1px solid #8c959f; }
    .signoff tr { break-inside: avoid; }
    tr.failed td, tr.aborted td { background: #fff5f5; }
    .evidence ul { margin: 0; padding-left: 16px; }
    .note { color: var(--muted); white-space: pre-line; word-break: break-word; }
    tr.failed .note, tr.aborted .note { color: var(--bad); }
    .evidence li { word-break: break-word; }
    .evidence .log { color: var(--muted); font-style: italic; }
    .evidence .why { color: var(--bad); }
    .evidence .more { color: var(--muted); }
    tr.skipped .why, tr.manual .why { color: var(--muted); }
    footer { margin-top: 32px; font-size: 11px; color: var(--muted); }
    @media print {
      body { max-width: none; padding: 0; font-size: 11px; }
      @page { margin: 14mm; }
      .summary, section.manual, section.by-person { break-inside: avoid; }
      h2 { break-after: avoid; }
      thead { display: table-header-group; }
      .badge { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      tr.failed td, tr.aborted td { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      pre { white-space: pre-wrap; }
    }
    """

  /// What the overview says of a step that did not pass: a failure's every line (a check's
  /// problems, one a line), else the first line of why.
  static func note(_ row: RunSummary.Row) -> String {
    let message = row.message ?? ""
    if row.result == .failed { return message }
    return message.split(separator: "\n").first.map(String.init) ?? ""
  }
}
