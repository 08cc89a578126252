import Playbook
import PlaybookRunner
import ReachCatalogue
import ReachClient
import Testing

@Suite struct StreamTests {
  @Test func eventsArriveAsAStream() async throws {
    let runner = PlaybookRunner(
      caller: NeverCaller(), clock: VirtualClock(),
      source: .inMemory(["s.yaml": "name: S\nsteps:\n  - log: hi\n  - sleep: 1s\n"]))
    let (events, result) = runner.start(file: "s.yaml")
    var names: [String] = []
    for await event in events {
      switch event {
      case .runStarted: names.append("runStarted")
      case .stepStarted(let step): names.append("started \(step.label)")
      case .logged(_, let message): names.append("logged \(message)")
      case .stepFinished(let step, _, _, _): names.append("finished \(step.label)")
      case .runFinished(let outcome, let duration): names.append("runFinished \(outcome.exitCode) \(duration)")
      case .stepSkipped, .callAnswered, .pollAttempt, .evidence, .rowsStarted, .rowFinished, .contractDrift:
        names.append("unexpected")
      }
    }
    #expect(
      names == [
        "runStarted", "started log at line 3", "logged hi", "finished log at line 3", "started sleep at line 4",
        "finished sleep at line 4", "runFinished 0 1.0 seconds",
      ])
    #expect(await result.value.outcome == .passed)
  }
}
