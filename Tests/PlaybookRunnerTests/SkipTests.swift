import Playbook
import PlaybookRunner
import ReachCatalogue
import ReachClient
import Testing

/// `skip` keeps its reason in every report, ends only what it should, and is counted once for
/// what it skipped: a `skip` whose condition does not hold skipped nothing.
@Suite struct SkipTests {
  static let info = RunInfo(
    file: "s.yaml", sha256: String(repeating: "ab", count: 32), target: "embedded sandbox",
    ranBy: "ana@ci-7", startedAt: "2026-11-23T13:00:00Z", reachVersion: "9.9.9")

  static func run(_ text: String) async -> (RunResult, [RunEvent]) {
    let runner = PlaybookRunner(caller: NeverCaller(), clock: VirtualClock(), source: .inMemory(["s.yaml": text]))
    let events = EventLog()
    let result = await runner.run(file: "s.yaml", events: events.sink)
    return (result, events.all)
  }

  @Test func aTopLevelSkipKeepsItsReasonAndTheOutputs() async {
    let (result, events) = await Self.run(
      """
      name: S
      inputs: { id: { type: string, default: SUB1 } }
      steps:
        - log: first
        - skip: "nothing to do for ${{ inputs.id }}"
        - log: never
      outputs:
        customer: "${{ inputs.id }}"

      """)
    #expect(result.outcome == .passed)
    #expect(result.outputs == ["customer": "SUB1"])
    var console = ConsoleReport(colour: false)
    let lines = events.flatMap { console.lines(for: $0) }
    #expect(lines.contains("↷ skip at line 5 skipped: nothing to do for SUB1"), "\(lines)")
    #expect(lines.last?.hasPrefix("PASSED 1 passed, 0 failed, 1 skipped") == true, "\(lines)")
    #expect(!lines.joined().contains("never"))
    #expect(JSONLinesReport.text(events).contains(#""message":"nothing to do for SUB1","outcome":"skipped""#))
    #expect(JUnitReport.xml(events).contains(#"<skipped message="nothing to do for SUB1"/>"#))
    #expect(MarkdownReport.text(events, info: Self.info).contains("nothing to do for SUB1"))
    #expect(HTMLReport.html(events, info: Self.info).contains("nothing to do for SUB1"))
    #expect(RunSummary(events).count(.skipped) == 1)
  }

  @Test func aSkippedItemShowsSkippedAndOnlyItsSkipIsCounted() async {
    let (result, events) = await Self.run(
      """
      name: S
      steps:
        - id: each
          foreach: [1, 2, 3]
          steps:
            - if: "${{ item == 2 }}"
              skip: "item ${{ item }} is not wanted"
            - log: "item ${{ item }}"
      outputs:
        results: "${{ steps.each.results }}"

      """)
    #expect(result.outcome == .passed)
    #expect(result.outputs["results"]?.arrayValue?[1] == ["skipped": "item 2 is not wanted"])
    var console = ConsoleReport(colour: false)
    let lines = events.flatMap { console.lines(for: $0) }
    #expect(lines.contains("↷ each[1] › skip at line 6 skipped: item 2 is not wanted"), "\(lines)")
    #expect(!lines.contains { $0.contains("each[0] › skip") || $0.contains("each[2] › skip") }, "\(lines)")
    // Items 1 and 3 logged (2 steps), the foreach itself passed, item 2 was skipped.
    #expect(lines.last?.hasPrefix("PASSED 3 passed, 0 failed, 1 skipped") == true, "\(lines)")
  }
}
