import Foundation
import Playbook
import ReachCatalogue
import Testing

/// The shipped playbooks, run through the real `reach` binary against the embedded sandbox.
@Suite(.serialized) struct ShippedPlaybooksTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    .appendingPathComponent("reach")

  struct Result {
    var status: Int32
    var output: String
    var errors: String
  }

  /// `reach` with `arguments`, waited for on a thread of its own (see `blocking`).
  static func reach(_ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil)
    async throws -> Result
  {
    try await blocking { try reachBlocking(arguments, environment: environment, in: directory) }
  }

  private static func reachBlocking(_ arguments: [String], environment extra: [String: String], in directory: URL?)
    throws -> Result
  {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = directory ?? root
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    environment.merge(extra) { _, new in new }
    process.environment = environment
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    // Never the terminal the tests run from: a resume that misses a secret would ask for it there.
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let output = out.fileHandleForReading.readDataToEndOfFile()
    let errors = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
      errors: String(decoding: errors, as: UTF8.self))
  }

  /// `body`, which blocks (it waits for a process), run on a thread of its own, not on one of
  /// Swift's few cooperative threads: every test in this process shares those (two on two cores).
  /// A test that blocked one while a `reach` binary ran starved the others, whose servers and
  /// clients then missed their time limits, and starved a server in this process that the binary
  /// itself was waiting for, until the binary's call timed out.
  static func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
      Thread {
        do {
          continuation.resume(returning: try body())
        } catch {
          continuation.resume(throwing: error)
        }
      }.start()
    }
  }

  /// Every playbook under Playbooks/, scenarios, set-up and sign-off alike.
  static var playbooks: [String] {
    let folder = root.appendingPathComponent("Playbooks")
    let names = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
    return names.filter { $0.hasSuffix(".yaml") }.sorted().map { "Playbooks/" + $0 }
  }

  static var binaryBuilt: Bool { FileManager.default.isExecutableFile(atPath: binary.path) }

  @Test(.enabled(if: binaryBuilt)) func everyShippedPlaybookValidates() async throws {
    let result = try await Self.reach(["validate", "Playbooks"])
    #expect(result.status == 0, "\(result.errors)")
  }

  @Test func everyScenarioOfTheGuideShips() {
    for name in [
      "setup/generate-access-keys", "scenarios/a-new-customer-purchase", "scenarios/b-renewal",
      "scenarios/b-topup",
      "scenarios/c-psim-activation", "scenarios/d-esim-activation", "scenarios/e-port-in", "scenarios/f-plan-change",
      "scenarios/g-add-card", "scenarios/h-billing", "scenarios/i-lifecycle", "scenarios/j-roaming-pack",
      "scenarios/k-data-cutoff", "signoff/staging-signoff", "golive/checklist",
    ] {
      #expect(Self.playbooks.contains("Playbooks/\(name).yaml"), "missing \(name)")
    }
  }

  @Test(.enabled(if: binaryBuilt), arguments: playbooks)
  func playbookRunsGreenAgainstTheEmbeddedSandbox(_ path: String) async throws {
    // The bulk playbooks need their CSV; the example's customers do not exist, so every row is
    // skipped with the reason.
    var inputs = path.hasPrefix("Playbooks/ops/") ? ["--var", "customers=Playbooks/ops/examples/customers.csv"] : []
    // The one-time keys need somewhere to go: a new file, removed after.
    let keysFile = FileManager.default.temporaryDirectory.appendingPathComponent("reach-keys-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: keysFile) }
    if path.hasSuffix("generate-access-keys.yaml") { inputs += ["--var", "keysFile=\(keysFile)"] }
    // Every answer of the embedded sandbox matches the catalogue (issue 16: contract drift).
    let drift = FileManager.default.temporaryDirectory.appendingPathComponent("drift-\(UUID().uuidString).json")
    defer { try? FileManager.default.removeItem(at: drift) }
    let result = try await Self.reach(["run", path, "--report", "drift=\(drift.path)"] + inputs)
    #expect(result.status == 0, "\(path):\n\(result.output)\n\(result.errors)")
    #expect(result.output.contains("PASSED"))
    #expect(!result.output.contains("drift:"), "\(result.output)")
    let report = try JSONParser.parse(bytes: Array(Data(contentsOf: drift)))
    #expect(report["differences"] == [], "\(path): \(report.jsonText())")
    // Each starts with a comment that says what it does and which part of the guide it follows.
    let text = try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
    #expect(text.hasPrefix("# yaml-language-server:") && (text.contains("guide") || text.contains("1.3")))
  }

  /// Scenarios A and C learn the outcome of step 8 / step 3 from the callback (the default, as the
  /// guide prefers) or by polling: both green against the embedded sandbox.
  @Test(
    .enabled(if: binaryBuilt),
    arguments: [
      ("a-new-customer-purchase", "callbacks", "✔ callback "), ("a-new-customer-purchase", "polling", "✔ completion "),
      ("c-psim-activation", "callbacks", "✔ callback "), ("c-psim-activation", "polling", "✔ polled "),
    ])
  func scenariosAAndCRunGreenInBothModes(_ scenario: String, _ mode: String, _ waited: String) async throws {
    let path = "Playbooks/scenarios/\(scenario).yaml"
    let explicit = try await Self.reach(["run", path, "--var", "mode=\(mode)"])
    #expect(explicit.status == 0, "\(explicit.output)\n\(explicit.errors)")
    #expect(explicit.output.contains(waited), "\(explicit.output)")
    #expect(explicit.output.contains("customerId: \"CUST"))
    if mode == "callbacks" {
      // The default mode is callbacks, and the other mode's waiting step is skipped.
      let byDefault = try await Self.reach(["run", path])
      #expect(byDefault.status == 0)
      #expect(byDefault.output.contains(waited))
      #expect(!explicit.output.contains("⟳ completion") && !explicit.output.contains("⟳ polled"))
    } else {
      #expect(!explicit.output.contains("✔ callback "))
    }
  }

  @Test(.enabled(if: binaryBuilt)) func anUnknownModeIsRefused() async throws {
    let result = try await Self.reach(["run", "Playbooks/scenarios/c-psim-activation.yaml", "--var", "mode=webhooks"])
    #expect(result.status == 1)
    #expect(result.output.contains("mode must be callbacks or polling, not 'webhooks'"))
    #expect(!result.output.contains("✔ purchase"))
  }

  @Test(.enabled(if: binaryBuilt)) func pollingModeNeedsNoReceiverAgainstATarget() async throws {
    let secrets = ["REACH_JWT": "j-" + UUID().uuidString, "REACH_API_KEY": "k-" + UUID().uuidString]
    let path = "Playbooks/scenarios/c-psim-activation.yaml"
    let target = ["--target", "https://staging.reach.invalid", "--var", "customerId=CUST000001"]
    // Callbacks (the default) need the store of the brand's receiver: refused, nothing sent.
    let callbacks = try await Self.reach(["run", path] + target, environment: secrets)
    #expect(callbacks.status == 2)
    #expect(callbacks.errors.contains("c-psim-activation.yaml:74:5: error: a 'wait_for' step"), "\(callbacks.errors)")
    #expect(callbacks.errors.contains("(--var mode=polling)"))
    #expect(!callbacks.output.contains("target:"))
  }

  /// Which wait_for and customer steps a run may reach, given its inputs: what decides whether a
  /// run against a target needs a receiver (or a sandbox) before anything is sent.
  @Test func onlyStepsThatMayRunForTheInputsNeedAReceiver() {
    let c = Self.root.appendingPathComponent("Playbooks/scenarios/c-psim-activation.yaml").path
    func lines(_ inputs: [String: JSONValue]) -> [String] {
      WaitForSteps.locations(in: c, inputs: inputs).map { "\($0.file.split(separator: "/").last!):\($0.line)" }
    }
    #expect(lines(["customerId": "C1"]) == ["c-psim-activation.yaml:74"])
    #expect(lines(["customerId": "C1", "mode": "polling"]) == [])
    // Without a customerId, C first buys through A, in the same mode.
    #expect(
      lines([:]) == [
        "a-new-customer-purchase.yaml:219", "a-new-customer-purchase.yaml:279", "c-psim-activation.yaml:74",
      ])
    #expect(lines(["mode": "polling"]) == [])
    #expect(CustomerSteps.locations(in: c, inputs: ["customerId": "C1"]).isEmpty)
    #expect(CustomerSteps.locations(in: c, inputs: [:]).count == 2)
  }

  @Test(.enabled(if: binaryBuilt)) func scenarioAPersistsTheCustomer() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reach-a-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let journal = folder.appendingPathComponent("journal.sqlite").path
    let result = try await Self.reach(["run", "Playbooks/scenarios/a-new-customer-purchase.yaml", "--journal", journal])
    #expect(result.status == 0)
    #expect(result.output.contains("customerId: \"CUST"))
    #expect(result.output.contains("target: embedded sandbox"))
    // The test card number is card data: never printed.
    #expect(!result.output.contains("4242424242424242"))
    // The journal kept the customer the completed purchase named, for later runs to reuse.
    let customerId = try #require(
      result.output.split(separator: "\n").first { $0.contains("customerId: \"CUST") }?
        .split(separator: "\"").dropFirst().first.map(String.init))
    let customers = try await Self.reach(["runs", "customers", "--journal", journal])
    #expect(customers.status == 0, "\(customers.errors)")
    let lines = customers.output.split(separator: "\n")
    #expect(lines.first == "customerId,clientAccountId,runId,learnedAt")
    #expect(lines.count == 2 && lines[1].hasPrefix(customerId + ","), "\(customers.output)")
  }

  @Test(.enabled(if: binaryBuilt)) func noCoverageStopsWithAClearMessage() async throws {
    let result = try await Self.reach(["run", "Playbooks/scenarios/a-new-customer-purchase.yaml", "--var", "zip=00000"])
    #expect(result.status == 1)
    #expect(result.output.contains("not available in your area: no coverage at ZIP 00000"))
    #expect(!result.output.contains("purchase 0ms"))
  }

  @Test(.enabled(if: binaryBuilt)) func aDecliningCardFailsThePurchase() async throws {
    let result = try await Self.reach([
      "run", "Playbooks/scenarios/a-new-customer-purchase.yaml", "--var", "cardNumber=4000000000000002",
    ])
    #expect(result.status == 1)
    #expect(result.output.contains("payment failed:"))
  }

  @Test(.enabled(if: binaryBuilt)) func aDeclinedCardIsRetriedFromTheQuote() async throws {
    let result = try await Self.reach([
      "run", "Playbooks/scenarios/a-new-customer-purchase.yaml", "--var", "cardNumber=4000000000000002",
      "--var", "retryCardNumber=5555555555554444",
    ])
    #expect(result.status == 0, "\(result.output)")
    #expect(result.output.contains("✔ requote"))
    #expect(result.output.contains("customerId: \"CUST"))
    #expect(!result.output.contains("5555555555554444") && !result.output.contains("4000000000000002"))
  }

  @Test(.enabled(if: binaryBuilt)) func aFailingICCIDEndsInStatus8() async throws {
    let result = try await Self.reach([
      "run", "Playbooks/scenarios/c-psim-activation.yaml", "--var", "iccId=8901000000000000084",
    ])
    #expect(result.status == 1)
    #expect(result.output.contains("activation failed (status 8): "))
  }

  @Test(.enabled(if: binaryBuilt)) func aPlanOutsideTheUpgradeAndDowngradeListsIsRefused() async throws {
    let result = try await Self.reach([
      "run", "Playbooks/scenarios/f-plan-change.yaml", "--var", "newPlanId=REACH-NOPE",
    ])
    #expect(result.status == 1)
    #expect(result.output.contains("REACH-NOPE is not in REACH-STARTER-5GB's upGradableTo"))
    #expect(!result.output.contains("✔ change"))
  }

  @Test(.enabled(if: binaryBuilt)) func aFailedPortInIsFixedByUpdatePinAndNoSecretIsPrinted() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reach-e-\(UUID().uuidString)")
    let report = folder.appendingPathComponent("e.jsonl").path
    let result = try await Self.reach([
      "run", "Playbooks/scenarios/e-port-in.yaml", "--var", "password=0000", "--var", "correctedPin=97531",
      "--var", "oldCarrierAccountNumber=880011223", "--report", "json=\(report)",
    ])
    #expect(result.status == 0, "\(result.output)")
    #expect(result.output.contains("firstStatus: 10"))
    #expect(result.output.contains("status: 2"))
    let everything = result.output + result.errors + (try String(contentsOfFile: report, encoding: .utf8))
    for secret in ["97531", "880011223", "\"0000\""] {
      #expect(!everything.contains(secret), "leaked \(secret)")
    }
  }

  @Test(.enabled(if: binaryBuilt)) func anIneligibleNumberIsNotPorted() async throws {
    let result = try await Self.reach(["run", "Playbooks/scenarios/e-port-in.yaml", "--var", "numberToPort=5550000000"])
    #expect(result.status == 1)
    #expect(result.output.contains("5550000000 cannot be ported"))
  }

  @Test(.enabled(if: binaryBuilt)) func anInvalidPlaybookSendsNothingAndExits2() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reach-invalid-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let file = folder.appendingPathComponent("bad.yaml")
    try """
    name: bad
    steps:
      - id: info
        call: customer.infoo
        with: { customerId: C1 }
    """.write(to: file, atomically: true, encoding: .utf8)
    let result = try await Self.reach(["run", file.path])
    #expect(result.status == 2)
    #expect(
      result.errors.contains(
        "\(file.path):4:11: error: step 'info': unknown endpoint 'customer.infoo' (did you mean 'customer.info'?)"))
    #expect(!result.output.contains("target:"))
  }

  @Test(.enabled(if: binaryBuilt)) func waitForAgainstATargetNeedsAReceiver() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reach-wait-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("wait.yaml")
    try """
    name: wait
    steps:
      - id: info
        call: customer.info
        with: { customerId: C1 }
      - wait_for: ACTIVATION
    """.write(to: file, atomically: true, encoding: .utf8)
    let secrets = ["REACH_JWT": "j-" + UUID().uuidString, "REACH_API_KEY": "k-" + UUID().uuidString]
    let result = try await Self.reach(
      ["run", file.path, "--target", "https://staging.reach.invalid"], environment: secrets)
    #expect(result.status == 2)
    #expect(
      result.errors.contains(
        "\(file.path):6:5: error: a 'wait_for' step waits for the platform's callback at your webhook receiver; against 'https://staging.reach.invalid' give --webhooks-db PATH"
      ), "\(result.errors)")
    #expect(!result.output.contains("target:"))
    // A store that does not exist is named, and nothing is sent either.
    let missing = folder.appendingPathComponent("none.sqlite").path
    let noStore = try await Self.reach(
      ["run", file.path, "--target", "https://staging.reach.invalid", "--webhooks-db", missing], environment: secrets)
    #expect(noStore.status == 2)
    #expect(
      noStore.errors.contains("no webhook event store at \(missing): start `reach webhooks serve --db \(missing)`"))
    #expect(!noStore.output.contains("target:"))
  }

  @Test(.enabled(if: binaryBuilt)) func dryRunSendsNothingAndShowsTheCalls() async throws {
    let result = try await Self.reach(["run", "Playbooks/scenarios/a-new-customer-purchase.yaml", "--dry-run"])
    #expect(result.status == 0, "\(result.errors)")
    #expect(result.output.contains("nothing is sent"))
    #expect(result.output.contains("POST /apisvc/v0/product "))
    #expect(!result.output.contains("target:"))
  }

  @Test(.enabled(if: binaryBuilt)) func reportsAreWritten() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reach-reports-\(UUID().uuidString)")
    let junit = folder.appendingPathComponent("a.xml").path
    let json = folder.appendingPathComponent("a.jsonl").path
    let result = try await Self.reach([
      "run", "Playbooks/scenarios/a-new-customer-purchase.yaml", "--report", "junit=\(junit)", "--report",
      "json=\(json)",
    ])
    #expect(result.status == 0)
    let xml = try String(contentsOfFile: junit, encoding: .utf8)
    #expect(xml.contains("<testsuite"))
    #expect(!xml.contains("4242424242424242"))
    let lines = try String(contentsOfFile: json, encoding: .utf8).split(separator: "\n")
    #expect(lines.count > 5)
  }
}

/// Issue 21, item 6: a webhooks store given again to a later run holds the earlier run's
/// callbacks; the later run's own still reach it (its sandbox gives ids of its own).
@Suite struct SharedWebhookStoreTests {
  @Test func twoEmbeddedRunsSharingOneWebhooksStoreBothPass() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reach-shared-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = folder.appendingPathComponent("webhooks.sqlite").path
    let journal = folder.appendingPathComponent("journal.sqlite").path
    for attempt in 1...2 {
      let result = try await ShippedPlaybooksTests.reach([
        "run", "Playbooks/scenarios/a-new-customer-purchase.yaml", "--webhooks-db", store, "--journal", journal,
      ])
      #expect(result.status == 0, "run \(attempt): \(result.output)\(result.errors)")
    }
  }
}
