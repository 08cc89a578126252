import Playbook
import PlaybookRunner
import ReachCatalogue
import ReachClient
import Testing

@Suite struct EvaluationErrorTests {
  @Test func anEvaluationErrorNamesTheExpressionAndItsPosition() async throws {
    let runner = PlaybookRunner(
      caller: NeverCaller(), clock: VirtualClock(),
      source: .inMemory(["e.yaml": "name: E\nvars: { n: 5 }\nsteps:\n  - log: \"n has ${{ len(vars.n) }} digits\"\n"]))
    let result = await runner.run(file: "e.yaml")
    #expect(
      result.outcome
        == .failed(
          "e.yaml:4:21: error: cannot evaluate '${{ len(vars.n) }}': len(): takes a string, list or object, not an integer"
        ))
  }
}
