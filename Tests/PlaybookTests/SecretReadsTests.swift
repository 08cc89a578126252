import Playbook
import Testing

/// `reach validate` warns where a log, a fail message or an output reads a secret: a secret
/// input, a sensitive field, or a var or extract computed from one.
@Suite struct SecretReadsTests {
  static let playbook = """
    name: Reads secrets
    inputs:
      deployToken: { type: string, secret: true }
      correctedPin: string
      customerId: string
    vars:
      wrapped: "t=${{ inputs.deployToken }}"
    steps:
      - id: keys
        call: account.generateAccessKey
        with: { keyName: "${{ inputs.customerId }}" }
        extract: { key: "${{ response.accountAccessSecreteKey }}", created: "${{ response.createdDate }}" }
      - set: { copy: "${{ steps.keys.key }}" }
      - log: "token ${{ vars.wrapped }} for ${{ inputs.customerId }}"
      - log: "created ${{ steps.keys.created }}"
      - if: ${{ inputs.customerId == null }}
        fail: "no customer; pin ${{ inputs.correctedPin }}"
    outputs:
      key: ${{ vars.copy }}
      issued: ${{ steps.keys.response.accountAccessKeyId != null }}
      customerId: ${{ inputs.customerId }}
    """

  @Test func warnsWithFileLineAndColumnWhereASecretLeavesTheRun() throws {
    let parsed = try #require(PlaybookSource.inMemory(["p.yaml": Self.playbook]).load("p.yaml"))
    #expect(parsed.diagnostics == [])
    let playbook = try #require(parsed.playbook)
    let warnings = SecretReads.warnings(in: playbook).map(\.description)
    let tail = "allowed, but its value shows only as *** in every output"
    #expect(
      warnings == [
        "p.yaml:14:21: warning: 'log' reads the secret 'vars.wrapped': \(tail)",
        "p.yaml:17:33: warning: 'fail' reads the secret 'inputs.correctedPin': \(tail)",
        "p.yaml:19:12: warning: output 'key' reads the secret 'vars.copy': \(tail)",
      ])
  }

  @Test func secretInputsAreDeclaredOrNamedLikeASensitiveField() throws {
    let parsed = try #require(PlaybookSource.inMemory(["p.yaml": Self.playbook]).load("p.yaml"))
    let inputs = try #require(parsed.playbook).inputs
    #expect(inputs.map(\.isSecret) == [true, true, false])
    #expect(inputs.map(\.secret) == [true, false, false])
  }
}
