import Foundation
import Testing

/// A value outside an enum that reach assumed (the guide lists no values) is a warning that does
/// not stop `validate`, `run` or `call`; `--strict-contract` refuses it, before anything is sent.
@Suite(.serialized) struct ContractTests {
  static let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reach-contract-\(getpid())")

  /// One call with a literal value reach does not list, the sandbox answering 400 for it.
  static let literal = """
    name: Reset with a literal value reach does not model
    steps:
      - id: literal
        call: customer.reset
        with: { customerId: C-NONE, resetType: FULL }
        expect: { status: 400 }
    """

  /// The same value, known only when the run gets there.
  static let runtime = """
    name: Reset with a value given at run time
    inputs:
      kind: { type: string, default: NETWORK }
    steps:
      - id: runtime
        call: customer.reset
        with: { customerId: C-NONE, resetType: "${{ inputs.kind }}" }
        expect: { status: 400 }
    """

  static func write(_ name: String, _ text: String) throws -> String {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  static func reach(_ arguments: [String]) async throws -> ShippedPlaybooksTests.Result {
    try await ShippedPlaybooksTests.reach(arguments, environment: ["REACH_JWT": "j", "REACH_API_KEY": "k"])
  }

  @Test(.enabled(if: ShippedPlaybooksTests.binaryBuilt)) func validateWarnsAndStrictRefuses() async throws {
    let path = try Self.write("literal.yaml", Self.literal)
    let warned = try await Self.reach(["validate", path])
    #expect(warned.status == 0, "\(warned.errors)")
    #expect(
      warned.errors.contains(
        "\(path):5:44: warning: step 'literal' calls 'customer.reset': 'resetType' is not one of NETWORK|FEATURES, values reach assumed where the guide is silent; the platform may accept it (--strict-contract refuses it)"
      ), "\(warned.errors)")
    #expect(warned.output.contains("(1 warning)"))
    let strict = try await Self.reach(["validate", "--strict-contract", path])
    #expect(strict.status == 2)
    #expect(strict.errors.contains("\(path):5:44: error: step 'literal'"), "\(strict.errors)")
  }

  @Test(.enabled(if: ShippedPlaybooksTests.binaryBuilt)) func runSendsTheValueUnlessStrict() async throws {
    let path = try Self.write("literal.yaml", Self.literal)
    let journal = Self.folder.appendingPathComponent("journal.sqlite").path
    // Sent: the embedded sandbox, which models only NETWORK and FEATURES, answers 400.
    let sent = try await Self.reach(["run", path, "--journal", journal])
    #expect(sent.status == 0, "\(sent.output)\(sent.errors)")
    #expect(sent.errors.contains("warning: step 'literal'"))
    let strict = try await Self.reach(["run", path, "--strict-contract", "--journal", journal])
    #expect(strict.status == 2)
    #expect(!strict.output.contains("literal"), "nothing runs: \(strict.output)")
  }

  @Test(.enabled(if: ShippedPlaybooksTests.binaryBuilt)) func strictRunRefusesAValueKnownOnlyAtRunTime() async throws {
    let path = try Self.write("runtime.yaml", Self.runtime)
    let journal = Self.folder.appendingPathComponent("journal.sqlite").path
    let sent = try await Self.reach(["run", path, "--var", "kind=FULL", "--journal", journal])
    #expect(sent.status == 0, "\(sent.output)\(sent.errors)")
    let strict = try await Self.reach(["run", path, "--var", "kind=FULL", "--strict-contract", "--journal", journal])
    #expect(strict.status == 1)
    #expect(
      strict.output.contains(
        "'customer.reset' refused by --strict-contract: 'resetType' is not one of NETWORK|FEATURES"),
      "\(strict.output)")
    // A value reach lists is sent either way (the sandbox then answers that C-NONE does not exist,
    // not the 400 the step expects).
    let listed = try await Self.reach([
      "run", path, "--var", "kind=FEATURES", "--strict-contract", "--journal", journal,
    ])
    #expect(listed.status == 1)
    #expect(!listed.output.contains("refused by --strict-contract"), "\(listed.output)")
  }

  @Test(.enabled(if: ShippedPlaybooksTests.binaryBuilt)) func callWarnsAndStrictRefuses() async throws {
    let strict = try await Self.reach([
      "call", "customer.reset", "customerId=C1", "resetType=FULL", "--strict-contract", "--target", "https://x.invalid",
    ])
    #expect(strict.status == 2)
    #expect(
      strict.errors.contains("reach: customer.reset: 'resetType' is not one of NETWORK|FEATURES"), "\(strict.errors)")
    // A value of an enum the guide lists is refused without the flag.
    let guide = try await Self.reach([
      "call", "portin.update", "customerId=C1", "type=UPDATE_PLAN", "--target", "https://x.invalid",
    ])
    #expect(guide.status == 2)
    #expect(!guide.errors.contains("warning"), "\(guide.errors)")
  }
}
