import Playbook
import PlaybookRunner
import ReachCatalogue
import ReachClient
import Testing

@Suite struct ForeachFailureTests {
  @Test func noItemStartsAfterAFailure() async throws {
    let log = EventLog()
    let runner = PlaybookRunner(
      caller: NeverCaller(), clock: VirtualClock(),
      source: .inMemory([
        "f.yaml": """
        name: F
        steps:
          - id: each
            foreach: [1, 2, 3, 4]
            steps:
              - if: item == 2
                fail: "item ${{ item }} is bad"
              - log: "item ${{ item }}"
        """
      ]))
    let result = await runner.run(file: "f.yaml", events: log.sink)
    #expect(result.outcome == .failed("item 2 is bad"))
    let logged = log.all.compactMap { event -> String? in
      if case .logged(_, let message) = event { return message }
      return nil
    }
    #expect(logged == ["item 1"])
  }
}
