import Playbook
import ReachCatalogue
import Testing

/// The `store` step (secrets kept where the user says) and the `customer` step's `expires`:
/// parsed with their places, refused with a message that says the fix.
@Suite struct StoreStepTests {
  static func diagnostics(_ text: String) -> [String] {
    PlaybookValidator(source: .inMemory(["keys.yaml": text])).validate(file: "keys.yaml").map(\.description)
  }

  @Test func parsesAStoreStep() throws {
    let text = """
      name: Keys
      inputs:
        keysFile: { type: string, required: false }
      steps:
        - id: keys
          call: account.generateAccessKey
          with: { keyName: reach }
        - id: kept
          store:
            values: { keyId: "${{ steps.keys.response.accountAccessKeyId }}" }
            to_file: ${{ inputs.keysFile }}
            show: true
        - log: "kept in ${{ steps.kept.file }} (${{ steps.kept.stored }})"
      """
    let result = PlaybookParser.parse(text, file: "keys.yaml")
    #expect(result.diagnostics.isEmpty)
    let step = try #require(result.playbook?.steps[1])
    guard case .store(let store) = step.kind else {
      Issue.record("not a store step: \(step.kind)")
      return
    }
    #expect(step.kind.keyword == "store")
    #expect(store.values.map(\.key) == ["keyId"])
    #expect(store.file?.location == SourceLocation(file: "keys.yaml", line: 11, column: 16))
    #expect(store.command == nil)
    #expect(store.show?.source == "true")
    #expect(Self.diagnostics(text).isEmpty)
  }

  @Test func refusesAStoreStepThatKeepsNothingOrNowhere() {
    let text = """
      name: Keys
      steps:
        - id: nowhere
          store:
            values: { keyId: abc }
        - id: nothing
          store:
            to_file: keys.json
        - id: empty
          store:
            values: {}
            to_file: keys.json
        - id: typo
          store:
            values: { keyId: abc }
            to_files: keys.json
      """
    #expect(
      Self.diagnostics(text) == [
        "keys.yaml:5:7: error: 'store' keeps the values nowhere: give to_file (a new file of mode 0600), to_command (a command that reads them on stdin) or show (print them once on a terminal)",
        "keys.yaml:8:7: error: 'store' needs 'values: { name: value }', the secrets to keep",
        "keys.yaml:11:15: error: 'values' of 'store' needs at least one name: value",
        "keys.yaml:15:7: error: 'store' keeps the values nowhere: give to_file (a new file of mode 0600), to_command (a command that reads them on stdin) or show (print them once on a terminal)",
        "keys.yaml:16:7: error: unknown key 'to_files' in 'store' (did you mean 'to_file'?); expected one of: values, to_file, to_command, show",
      ])
  }

  @Test func aStoreStepReadsOnlyWhatExists() {
    let text = """
      name: Keys
      steps:
        - id: kept
          store:
            values: { keyId: "${{ steps.keys.response.accountAccessKeyId }}" }
            to_command: ${{ inputs.keysCommand }}
        - log: "${{ steps.kept.secret }}"
      """
    #expect(
      Self.diagnostics(text) == [
        "keys.yaml:5:29: error: unknown step 'keys' (did you mean 'kept'?); steps are read by their id",
        "keys.yaml:6:23: error: unknown input 'keysCommand'; declare it under 'inputs'",
        "keys.yaml:7:15: error: step 'kept' has no 'secret'; it offers: file, stored",
      ])
  }

  @Test func aCustomerStepTakesTheLinksDeadline() throws {
    let text = """
      name: Pay
      inputs:
        url: { type: string, required: true }
      steps:
        - id: pay
          customer: { pay: "${{ inputs.url }}", expires: "${{ inputs.deadline }}", when: now }
      """
    #expect(
      Self.diagnostics(text) == [
        "keys.yaml:6:57: error: unknown input 'deadline'; declare it under 'inputs'",
        "keys.yaml:6:78: error: unknown key 'when' in 'customer'; expected one of: pay, add_card, card, expires",
      ])
  }
}
