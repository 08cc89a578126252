import Playbook
import PlaybookRunner
import ReachCatalogue
import ReachClient
import Testing

@Suite struct EvaluationErrorTests {
  @Test func anEvaluationErrorNamesTheExpressionAndItsPosition() async throws {
    let runner = PlaybookRunner(
      caller: NeverCaller(), clock: VirtualClock(),
      source: .inMemory([
        "e.yaml":
          "name: E\ninputs: { o: { type: object, default: { n: 5 } } }\nsteps:\n  - log: \"n has ${{ len(inputs.o.n) }} digits\"\n"
      ]))
    let result = await runner.run(file: "e.yaml")
    #expect(
      result.outcome
        == .failed(
          "e.yaml:4:21: error: cannot evaluate '${{ len(inputs.o.n) }}': len(): takes a string, list or object, not an integer"
        ))
  }
}

@Suite struct UnattributedFailureTests {
  /// An output that cannot be evaluated fails as a step of its own, so every report counts it.
  @Test func anOutputThatCannotBeEvaluatedIsAFailedStep() async throws {
    let runner = PlaybookRunner(
      caller: NeverCaller(), clock: VirtualClock(),
      source: .inMemory([
        "o.yaml":
          "name: O\ninputs: { o: { type: object, default: { n: 5 } } }\nsteps:\n  - log: hello\noutputs:\n  size: \"${{ len(inputs.o.n) }}\"\n"
      ]))
    let events = EventLog()
    let result = await runner.run(file: "o.yaml", events: events.sink)
    guard case .failed = result.outcome else {
      Issue.record("the run passed: \(result.outcome)")
      return
    }
    #expect(result.outputs.isEmpty)
    let summary = RunSummary(events.all)
    #expect(summary.count(.failed) == 1)
    #expect(summary.rows.last?.step.label == "outputs.size")
    #expect(summary.rows.last?.step.location.line == 6)
    #expect(JUnitReport.xml(events.all).contains(#"tests="2" failures="1""#))
  }

  /// A run interrupted between steps has no failed step of its own: the run itself is reported.
  @Test func aRunThatFailsOutsideEveryStepIsStillReportedFailed() async throws {
    let runner = PlaybookRunner(
      caller: NeverCaller(), clock: VirtualClock(),
      source: .inMemory(["i.yaml": "name: I\nsteps:\n  - log: never\n"]))
    let events = EventLog()
    let task = Task {
      withUnsafeCurrentTask { $0?.cancel() }
      return await runner.run(file: "i.yaml", events: events.sink)
    }
    let result = await task.value
    #expect(result.outcome == .aborted("interrupted"))
    let summary = RunSummary(events.all)
    #expect(summary.rows.map(\.step.label) == ["run"])
    #expect(summary.count(.aborted) == 1)
    #expect(JUnitReport.xml(events.all).contains(#"failures="1""#))
  }
}
