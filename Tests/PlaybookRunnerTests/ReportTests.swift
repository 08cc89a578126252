import Playbook
import PlaybookRunner
import ReachCatalogue
import Testing

@Suite struct ReportTests {
  static let info = StepReference(
    scope: [], label: "info", location: SourceLocation(file: "p.yaml", line: 4, column: 5))
  static let suspend = StepReference(
    scope: [], label: "suspend", location: SourceLocation(file: "p.yaml", line: 9, column: 5))
  static let inner = StepReference(
    scope: ["each[1]"], label: "restore", location: SourceLocation(file: "p.yaml", line: 14, column: 9))

  static let events: [RunEvent] = [
    .runStarted(playbook: "Suspend <one>", file: "p.yaml"),
    .stepStarted(info),
    .callAnswered(info, endpointID: "customer.info", status: 200, attempts: 1),
    .pollAttempt(info, attempt: 1, status: 200, done: true),
    .stepFinished(info, .passed, duration: .milliseconds(1250), extracted: ["status": 2]),
    .stepSkipped(suspend, condition: "${{ steps.info.status == 3 }}"),
    .logged(inner, message: "hello"),
    .stepFinished(
      inner, .failed("expectation failed: ${{ a }}\na → false"), duration: .milliseconds(40), extracted: [:]),
    .runFinished(.failed("expectation failed"), duration: .seconds(61)),
  ]

  @Test func jsonLines() {
    let lines = JSONLinesReport.text(Self.events).split(separator: "\n").map(String.init)
    #expect(lines.count == 9)
    #expect(lines[0] == #"{"event":"runStarted","file":"p.yaml","playbook":"Suspend <one>"}"#)
    #expect(
      lines[4]
        == #"{"column":5,"durationMs":1250,"event":"stepFinished","extracted":{"status":2},"file":"p.yaml","line":4,"outcome":"passed","scope":[],"step":"info"}"#
    )
    #expect(
      lines[8]
        == #"{"durationMs":61000,"event":"runFinished","exitCode":1,"message":"expectation failed","outcome":"failed"}"#
    )
  }

  @Test func junit() {
    #expect(
      JUnitReport.xml(Self.events) == """
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuites>
          <testsuite name="Suspend &lt;one&gt;" tests="3" failures="1" skipped="1" time="61.000">
            <testcase name="info" classname="p.yaml" time="1.250"/>
            <testcase name="suspend" classname="p.yaml" time="0.000"><skipped message="if ${{ steps.info.status == 3 }} did not hold"/></testcase>
            <testcase name="each[1] › restore" classname="p.yaml" time="0.040"><failure message="expectation failed: ${{ a }}">expectation failed: ${{ a }}
        a → false</failure></testcase>
          </testsuite>
        </testsuites>

        """)
  }

  @Test func console() {
    var report = ConsoleReport(colour: false)
    let lines = Self.events.flatMap { report.lines(for: $0) }
    #expect(
      lines == [
        "▶ Suspend <one> (p.yaml)",
        "  ⟳ info attempt 1: HTTP 200, done",
        "✔ info 1.2s  status=2",
        "↷ suspend skipped: ${{ steps.info.status == 3 }} did not hold",
        "  · each[1] › restore: hello",
        "✘ each[1] › restore 40ms  expectation failed: ${{ a }}",
        "    a → false",
        "FAILED 1 passed, 1 failed, 1 skipped in 1m01s",
      ])
    var coloured = ConsoleReport(colour: true)
    #expect(coloured.lines(for: Self.events[4]) == ["\u{1B}[32m✔\u{1B}[0m info 1.2s  status=2"])
  }

  @Test func longPollsAreFolded() {
    var report = ConsoleReport(colour: false)
    let step = StepReference(scope: [], label: "status", location: SourceLocation(file: "p.yaml", line: 3, column: 5))
    let lines = (1...25).flatMap { report.lines(for: .pollAttempt(step, attempt: $0, status: 200, done: $0 == 25)) }
    #expect(
      lines == [
        "  ⟳ status attempt 1: HTTP 200, not yet", "  ⟳ status attempt 2: HTTP 200, not yet",
        "  ⟳ status attempt 3: HTTP 200, not yet", "  ⟳ status attempt 10: HTTP 200, not yet",
        "  ⟳ status attempt 20: HTTP 200, not yet", "  ⟳ status attempt 25: HTTP 200, done",
      ])
  }

  @Test func exitCodes() {
    #expect(RunOutcome.passed.exitCode == 0)
    #expect(RunOutcome.failed("x").exitCode == 1)
    #expect(RunOutcome.invalid([]).exitCode == 2)
    #expect(RunOutcome.aborted("x").exitCode == 3)
  }
}

extension ReportTests {
  /// A step a person did by hand: the console says what and where (a link on a terminal that
  /// takes them), the summary counts it, and the documents list it.
  @Test func aStepDoneByAPerson() {
    let pay = StepReference(scope: [], label: "pay", location: SourceLocation(file: "p.yaml", line: 20, column: 5))
    let task = PersonTask(
      instructions: "pay on the hosted payment page with the test card ending 4242", url: "https://pay.example/p/T1")
    let events: [RunEvent] = [
      .runStarted(playbook: "A", file: "p.yaml"), .stepStarted(pay),
      .stepFinished(pay, .byPerson(task), duration: .zero, extracted: [:]),
      .runFinished(.passed, duration: .seconds(1)),
    ]
    var plain = ConsoleReport(colour: false)
    let lines = events.flatMap { plain.lines(for: $0) }
    #expect(lines[1] == "✋ pay by a person: pay on the hosted payment page with the test card ending 4242")
    #expect(lines[2] == "    open https://pay.example/p/T1")
    #expect(lines[3] == "PASSED 0 passed, 0 failed, 0 skipped, 1 by a person in 1.0s")
    var linked = ConsoleReport(colour: true)
    linked.hyperlinks = true
    let open = events.flatMap { linked.lines(for: $0) }[2]
    #expect(open == "    open \u{1B}]8;;https://pay.example/p/T1\u{1B}\\https://pay.example/p/T1\u{1B}]8;;\u{1B}\\")
    #expect(RunSummary(events).counts == "0 passed, 1 by a person")
    let info = RunInfo(file: "p.yaml", sha256: "", target: "staging", ranBy: "me", startedAt: "", reachVersion: "1")
    #expect(MarkdownReport.text(events, info: info, redact: { $0 }).contains("## What a person did by hand"))
    #expect(JUnitReport.xml(events).contains("<system-out>by a person: pay on the hosted payment page"))
  }
}
