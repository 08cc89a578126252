import Foundation
import Playbook
import PlaybookRunner
import ReachCatalogue
import Synchronization
import Testing

/// A playbook is validated once: the validator's proof (`ValidatedPlaybook`) is what the runner
/// runs and plans, and it does not read or validate the file again. One proven under a looser
/// contract than the runner's is proven again, and refused as `run(file:)` would refuse it.
@Suite struct ValidateOnceTests {
  static let greet = """
    name: Greet
    inputs:
      who: { type: string, default: world }
    steps:
      - id: hello
        log: "hello ${{ inputs.who }}"
    outputs:
      said: "${{ inputs.who }}"
    """

  /// One call with a literal value outside an enum reach assumed: a warning, or an error when strict.
  static let literal = """
    name: A reset of a kind reach does not list
    steps:
      - id: reset
        call: customer.reset
        with:
          customerId: C-NONE
          resetType: FULL
    """

  @Test func theRunnerRunsTheProofWithoutReadingTheFileAgain() async throws {
    let files = ["greet.yaml": Self.greet]
    let reads = Mutex<[String: Int]>([:])
    let source = PlaybookSource { path in
      reads.withLock { $0[path, default: 0] += 1 }
      return files[path]
    }
    let validation = PlaybookValidator(source: source).validated(file: "greet.yaml")
    #expect(validation.diagnostics.isEmpty, "\(validation.diagnostics)")
    let validated = try #require(validation.playbook)
    #expect(reads.withLock { $0["greet.yaml"] } == 1)
    let runner = PlaybookRunner(caller: NeverCaller(), source: source)
    let result = await runner.run(validated, inputs: ["who": "reach"])
    #expect(result.outcome == .passed, "\(result.outcome)")
    #expect(result.outputs["said"] == "reach")
    var planned: [String] = []
    #expect(runner.plan(validated, inputs: [:]) { planned.append($0.description) } == nil)
    #expect(planned.contains { $0.contains("hello world") }, "\(planned)")
    // Neither the run nor the plan read the file, let alone validated it.
    #expect(reads.withLock { $0["greet.yaml"] } == 1)
  }

  @Test func anInvalidPlaybookHasNoProofAndItsErrors() {
    let broken = Self.greet.replacingOccurrences(of: "log:", with: "lgo:")
    let validation = PlaybookValidator(source: .inMemory(["greet.yaml": broken])).validated(file: "greet.yaml")
    #expect(validation.playbook == nil)
    #expect(validation.diagnostics.hasErrors)
    #expect(
      validation.diagnostics
        == PlaybookValidator(source: .inMemory(["greet.yaml": broken])).validate(
          file: "greet.yaml"))
    let missing = PlaybookValidator(source: .inMemory([:])).validated(file: "gone.yaml")
    #expect(missing.playbook == nil)
    #expect(missing.diagnostics.map(\.description) == ["gone.yaml:1:1: error: cannot read 'gone.yaml'"])
  }

  @Test func aLooserProofIsProvenAgainByAStrictRunner() async throws {
    let source = PlaybookSource.inMemory(["literal.yaml": Self.literal])
    let validation = PlaybookValidator(source: source).validated(file: "literal.yaml")
    // A warning only: proven under the loose contract.
    #expect(!validation.diagnostics.isEmpty && !validation.diagnostics.hasErrors, "\(validation.diagnostics)")
    let validated = try #require(validation.playbook)
    var runner = PlaybookRunner(caller: NeverCaller(), source: source)
    runner.strictContract = true
    let events = EventLog()
    let result = await runner.run(validated, events: events.sink)
    guard case .invalid(let errors) = result.outcome else {
      Issue.record("a strict runner ran a loosely proven playbook: \(result.outcome)")
      return
    }
    #expect(errors.contains { $0.description.contains("literal.yaml:7:") && $0.isError }, "\(errors)")
    var planned = 0
    let failure = runner.plan(validated) { _ in planned += 1 }
    #expect(failure?.diagnostics == errors)
    #expect(planned == 0)
  }
}
