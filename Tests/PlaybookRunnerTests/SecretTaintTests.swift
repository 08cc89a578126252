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

  /// Secrets too short to be registered (a 4-digit PIN, a 3-character token) are masked by what
  /// reads them: each part of a message, an output, a `use` step's outputs, and the dry run's
  /// `set`, `log` and `use … with`. Other text (the same digits in a plain input) is left alone.
  static let short = """
    name: Short
    inputs:
      password: { type: string, required: true }
      code: { type: string, required: true, secret: true }
      cardNumber: { type: string, required: true }
      plain: { type: string, required: true }
    steps:
      - set: { pw: "${{ inputs.password }}" }
      - log: "pw ${{ vars.pw }} code ${{ inputs.code }} card ${{ inputs.cardNumber }} plain ${{ inputs.plain }}"
      - id: inner
        use: inner.yaml
        with: { pin: "${{ inputs.password }}", note: "${{ inputs.plain }}" }
      - skip: "skipped with ${{ steps.inner.echo }}"
    outputs:
      pw: ${{ vars.pw }}
      code: "x${{ inputs.code }}"
      card: ${{ inputs.cardNumber }}
      plain: ${{ inputs.plain }}
    """

  static let inner = """
    name: Inner
    inputs:
      pin: { type: string, required: true }
      note: { type: string, required: true }
    steps:
      - log: "inner ${{ inputs.pin }} ${{ inputs.note }}"
    outputs:
      echo: ${{ inputs.pin }}
      note: ${{ inputs.note }}
    """

  @Test func aShortSecretIsMaskedByWhatReadsIt() async throws {
    let inputs: [String: JSONValue] = [
      "password": "0427", "code": "kQ7", "cardNumber": "4111111111111111", "plain": "0427",
    ]
    let source = PlaybookSource.inMemory(["short.yaml": Self.short, "inner.yaml": Self.inner])
    let runner = PlaybookRunner(caller: NeverCaller(), source: source)
    let log = EventLog()
    let result = await runner.run(file: "short.yaml", inputs: inputs, events: log.sink)
    #expect(result.outcome == .passed, "\(result.outcome)")
    #expect(!runner.masker.isSecret("0427") && !runner.masker.isSecret("kQ7"), "too short to register")
    let messages = log.all.compactMap { event -> String? in
      if case .logged(_, let message) = event { return message }
      return nil
    }
    #expect(messages == ["pw *** code *** card ***1111 plain 0427", "inner *** 0427"])
    let extracted = log.all.compactMap { event -> [String: JSONValue]? in
      if case .stepFinished(let step, _, _, let extracted) = event, step.label == "inner" { return extracted }
      return nil
    }
    #expect(extracted == [["echo": "***", "note": "0427"]])
    #expect(result.shownOutputs == ["pw": "***", "code": "***", "card": "***1111", "plain": "0427"])
    #expect(result.outputs["pw"] == "0427", "the value itself stays whole for what computes with it")

    let plan = try runner.plan(file: "short.yaml", inputs: inputs).get().description
    #expect(
      plan.contains("set {\"pw\":\"***\"}") && plan.contains("log: pw *** code *** card ***1111 plain 0427")
        && plan.contains("use inner.yaml with {\"note\":\"0427\",\"pin\":\"***\"}")
        && plan.contains("log: inner *** 0427"), "\(plan)")
  }
}
