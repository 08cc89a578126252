import Foundation
import Playbook
import PlaybookRunner
import ReachCatalogue
import Testing

/// Values computed from a secret are secret too: they are registered with the run's masker, so
/// a `log`, a `set` or an output that shows them shows `***`.
@Suite struct SecretTaintTests {
  static let playbook = """
    name: Taint
    inputs:
      deployToken: { type: string, required: true, secret: true }
      amount: { type: string, required: true, secret: true }
      plain: { type: string, required: true }
    vars:
      wrapped: "pre-${{ inputs.deployToken }}-post"
    steps:
      - set: { n: "${{ number(inputs.amount) }}", alias: "${{ vars.wrapped }}" }
      - set: { again: "${{ vars.n }}" }
      - log: "${{ vars.alias }} ${{ vars.again }} ${{ inputs.plain }}"
      - foreach: "${{ [inputs.amount] }}"
        as: amountItem
        steps:
          - log: "item ${{ number(amountItem) }}"
    outputs:
      n: "${{ vars.again }}"
      plain: "${{ inputs.plain }}"
      found: "${{ vars.again != null }}"
    """

  @Test func aValueComputedFromASecretIsMaskedWhereverItGoes() async {
    let token = "tok-" + UUID().uuidString
    let plain = "plain-" + UUID().uuidString
    let runner = PlaybookRunner(caller: NeverCaller(), source: .inMemory(["taint.yaml": Self.playbook]))
    let log = EventLog()
    // 2.5e10 as a number is 25000000000: text the secret itself does not contain.
    let result = await runner.run(
      file: "taint.yaml", inputs: ["deployToken": .string(token), "amount": "2.5e10", "plain": .string(plain)],
      events: log.sink)
    #expect(result.outcome == .passed, "\(result.outcome)")
    let masker = runner.masker
    #expect(masker.isSecret(token))
    #expect(masker.isSecret("pre-\(token)-post"))
    #expect(!masker.isSecret(plain))
    let messages = log.all.compactMap { event -> String? in
      if case .logged(_, let message) = event { return message }
      return nil
    }
    #expect(messages == ["*** *** \(plain)", "item ***"])
    #expect(masker.mask(.object(result.outputs)) == ["n": "***", "plain": .string(plain), "found": true])
    #expect(masker.mask("concatenated: pre-\(token)-post") == "concatenated: ***")
  }
}
