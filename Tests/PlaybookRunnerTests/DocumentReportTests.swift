import Foundation
import Playbook
import PlaybookRunner
import ReachCatalogue
import ReachClient
import Synchronization
import Testing

/// The Markdown and HTML reports: what they say, that they escape, that nothing secret gets in.
@Suite struct DocumentReportTests {
  static let info = RunInfo(
    file: "Playbooks/p.yaml", sha256: String(repeating: "ab", count: 32), target: "staging (https://staging.example)",
    ranBy: "ana@ci-7", startedAt: "2026-11-23T13:00:00Z", reachVersion: "9.9.9")

  static let call = StepReference(
    scope: [], label: "purchase", location: SourceLocation(file: "p.yaml", line: 4, column: 5))
  static let skipped = StepReference(
    scope: [], label: "suspend", location: SourceLocation(file: "p.yaml", line: 9, column: 5))
  static let inner = StepReference(
    scope: ["each[1]"], label: "a|b <i>", location: SourceLocation(file: "p.yaml", line: 14, column: 9))

  static let events: [RunEvent] = [
    .runStarted(playbook: "Sign <off> & go", file: "p.yaml"),
    .stepStarted(call),
    .callAnswered(call, endpointID: "product.purchase", status: 202, attempts: 2),
    .evidence(
      call,
      Evidence(
        subject: "product.purchase", status: 202, elapsed: .milliseconds(35), attempts: 2, transactionID: "T-100")),
    .stepFinished(call, .passed, duration: .milliseconds(1250), extracted: ["tx": "T-100"]),
    .stepSkipped(skipped, condition: "steps.info.status == 3"),
    .stepStarted(inner),
    .logged(inner, message: "look <here>"),
    .stepFinished(inner, .failed("expectation failed: a < b\na → 2"), duration: .milliseconds(40), extracted: [:]),
    .runFinished(.failed("expectation failed"), duration: .seconds(61)),
  ]

  @Test func playbookDigestIsTheHexSHA256() {
    #expect(PlaybookDigest.sha256(Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(
      PlaybookDigest.sha256(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
  }

  @Test func summaryFoldsEventsIntoRowsInStartOrder() {
    let summary = RunSummary(Self.events)
    #expect(summary.rows.map(\.step.label) == ["purchase", "suspend", "a|b <i>"])
    #expect(summary.rows.map(\.result) == [.passed, .skipped, .failed])
    #expect(
      summary.rows[0].evidence.map(\.summary) == [
        "product.purchase → HTTP 202 in 35ms (2 attempts), transactionId T-100"
      ])
    #expect(summary.rows[2].logs == ["look <here>"])
    #expect(summary.verdict == "FAILED")
    #expect(summary.counts == "1 passed, 1 failed, 1 skipped")
  }

  @Test func markdownCarriesTheRunAndEveryStep() {
    let text = MarkdownReport.text(Self.events, info: Self.info)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines[0] == "# Sign &lt;off&gt; &amp; go: FAILED")
    #expect(lines.contains("| Result | **FAILED**: 1 passed, 1 failed, 1 skipped in 1m01s |"))
    #expect(lines.contains("| SHA-256 | `\(String(repeating: "ab", count: 32))` |"))
    #expect(lines.contains("| Target | staging (https://staging.example) |"))
    #expect(lines.contains("| Run by | ana@ci-7 |"))
    #expect(lines.contains("| Started | 2026-11-23T13:00:00Z |"))
    #expect(lines.contains("| reach | 9.9.9 |"))
    #expect(
      lines.contains(
        "| purchase | ✅ pass | 1.2s | product.purchase → HTTP 202 in 35ms (2 attempts), transactionId T-100<br>tx = T-100 |"
      ))
    #expect(lines.contains("| suspend | ↷ skipped | 0ms | if steps.info.status == 3 did not hold |"))
    #expect(lines.contains("| &nbsp;&nbsp;each[1] › a\\|b &lt;i&gt; | ❌ **fail** | 40ms | “look &lt;here&gt;” |"))
    #expect(lines.contains("### each[1] › a\\|b &lt;i&gt; (`p.yaml:14:9`)"))
    #expect(text.contains("```text\nexpectation failed: a < b\na → 2\n```"))
  }

  @Test func htmlIsSelfContainedEscapedAndPrintable() {
    let html = HTMLReport.html(Self.events, info: Self.info)
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.contains("<title>Sign &lt;off&gt; &amp; go: FAILED</title>"))
    #expect(html.contains("<span class=\"badge failed\">FAILED</span>"))
    #expect(html.contains("<p class=\"attention\">Failed: each[1] › a|b &lt;i&gt;</p>"))
    #expect(html.contains("<tr><th>Run by</th><td>ana@ci-7</td></tr>"))
    #expect(html.contains("<tr><th>SHA-256</th><td><code>\(String(repeating: "ab", count: 32))</code></td></tr>"))
    #expect(html.contains("<li>product.purchase → HTTP 202 in 35ms (2 attempts), transactionId T-100</li>"))
    #expect(html.contains("<li class=\"log\">look &lt;here&gt;</li>"))
    #expect(html.contains("<pre>expectation failed: a &lt; b\na → 2</pre>"))
    #expect(html.contains("@media print"))
    // Nothing raw from the events, and nothing fetched from elsewhere.
    #expect(!html.contains("<off>") && !html.contains("<i>") && !html.contains("<here>"))
    for external in ["<script", "<link", "src=", "href=", "url(", "@import"] {
      #expect(!html.contains(external), "the report must not load \(external)")
    }
  }

  @Test func aPassedRunHasNoFailureSection() {
    let events: [RunEvent] = [
      .runStarted(playbook: "ok", file: "p.yaml"), .stepStarted(Self.call),
      .stepFinished(Self.call, .passed, duration: .zero, extracted: [:]), .runFinished(.passed, duration: .zero),
    ]
    let html = HTMLReport.html(events, info: Self.info)
    #expect(html.contains("<span class=\"badge passed\">PASSED</span>"))
    #expect(!html.contains("Failures"))
    #expect(!MarkdownReport.text(events, info: Self.info).contains("## Failures"))
  }

  /// A real run through the client: the port-in PIN and account number sent, logged and
  /// extracted, and a secret the client learned, appear in neither report.
  @Test func noSecretOrPortInValueReachesAReport() async throws {
    let pin = "pin-" + UUID().uuidString.prefix(8)
    let account = "acct-" + UUID().uuidString.prefix(8)
    let secret = "canary-secret-" + UUID().uuidString
    let platform = FakePlatform { request, _ in
      (200, ["transactionId": "T-7", "echo": request.body["password"] ?? nil, "message": .string(secret)])
    }
    let playbook = """
      name: Port in
      inputs:
        pin: { type: string, required: true }
        account: { type: string, required: true }
      steps:
        - id: port
          call: activation.submit
          with:
            customerId: C-1
            iccId: "8901260000000000006"
            numberToPort: "2125550100"
            oldCarrier: Other
            oldCarrierAccountNumber: ${{ inputs.account }}
            password: ${{ inputs.pin }}
            oldZip: "10001"
          extract: { echoed: "${{ response.echo }}", said: "${{ response.message }}" }
        - log: "sent ${{ inputs.pin }} for ${{ inputs.account }}: ${{ steps.port.said }}"
        - fail: "stop after ${{ inputs.pin }}"
      """
    let clock = VirtualClock()
    let log = EventLog()
    let reports = Mutex<[String]>([])
    try await platform.serve(clock: clock) { client in
      client.redactor.learn(secret)
      let runner = PlaybookRunner(caller: client, clock: clock, source: .inMemory(["p.yaml": playbook]))
      let result = await runner.run(
        file: "p.yaml", inputs: ["pin": .string(pin), "account": .string(account)], events: log.sink)
      #expect(result.outcome.exitCode == 1)
      let written = [
        MarkdownReport.text(log.all, info: Self.info, redact: client.redactor.redact),
        HTMLReport.html(log.all, info: Self.info, redact: client.redactor.redact),
      ]
      reports.withLock { $0 = written }
    }
    #expect(platform.received.first?.body["password"] == .string(pin))
    for report in reports.withLock({ $0 }) {
      #expect(report.contains("transactionId T-7"))
      #expect(report.contains("***"))
      for value in [pin, account, secret] {
        #expect(!report.contains(value), "a report shows \(value)")
      }
    }
  }
}
