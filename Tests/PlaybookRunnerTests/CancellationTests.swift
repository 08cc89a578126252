import Playbook
import PlaybookRunner
import ReachCatalogue
import ReachClient
import Testing

@Suite struct CancellationTests {
  @Test func anInterruptedRunAbortsBeforeItsNextStep() async throws {
    let runner = PlaybookRunner(
      caller: NeverCaller(), clock: VirtualClock(),
      source: .inMemory([
        "c.yaml": "name: C\nsteps:\n  - log: one\n  - call: customer.info\n    with: { customerId: C-1 }\n"
      ]))
    let task = Task {
      withUnsafeCurrentTask { $0?.cancel() }
      return await runner.run(file: "c.yaml")
    }
    let result = await task.value
    #expect(result.outcome == .aborted("interrupted"))
    #expect(result.outcome.exitCode == 3)
  }
}
