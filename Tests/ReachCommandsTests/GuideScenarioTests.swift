import Foundation
import Playbook
import PlaybookRunner
import ReachCatalogue
import ReachClient
import Synchronization
import Testing

@testable import ReachCommands

/// The shipped scenario playbooks do what the guide's scenarios say (issue 17), run in process
/// against the embedded sandbox and its webhook receiver on one virtual clock. A wrapper playbook
/// in memory sets up the case, then `use`s the shipped file from disk.
@Suite struct GuideScenarioTests {
  static let scenarios = ShippedPlaybooksTests.root.appendingPathComponent("Playbooks/scenarios").path
  static let wrapper = scenarios + "/guide-scenario-test.yaml"

  /// Runs `text` as a playbook beside the shipped scenarios (so `use: b-renewal.yaml` is theirs),
  /// or the shipped `file` itself.
  static func run(
    _ text: String? = nil, file: String? = nil, inputs: [String: JSONValue] = [:]
  ) async throws -> WaitForTests.Run {
    let setup = try await EmbeddedSetup.start()
    let wrapper = Self.wrapper
    let source = PlaybookSource { path in path == wrapper ? text : PlaybookSource.fileSystem.read(path) }
    let runner = PlaybookRunner(
      caller: ReachClient(target: setup.target, clock: setup.clock), clock: setup.clock, source: source,
      webhooks: setup.webhooks)
    let collected = Mutex<[RunEvent]>([])
    let path = file.map { scenarios + "/" + $0 } ?? wrapper
    let result = await runner.run(file: path, inputs: inputs) { event in collected.withLock { $0.append(event) } }
    await setup.stop()
    return WaitForTests.Run(result: result, events: collected.withLock { $0 })
  }

  /// The endpoints a run called, in order; with `file`, only those its steps called.
  static func called(_ run: WaitForTests.Run, in file: String? = nil) -> [String] {
    run.events.compactMap { event in
      guard case .callAnswered(let step, let endpointID, _, _) = event else { return nil }
      if let file, !step.location.file.hasSuffix("/" + file) { return nil }
      return endpointID
    }
  }

  /// An active line with a second card, added on the hosted page: the first card is the default.
  static let lineWithTwoCards = """
      - id: line
        use: d-esim-activation.yaml
      - id: link
        call: card.addLink
        with: { customerId: "${{ steps.line.customerId }}", redirectUrl: "https://brand.example/cards" }
      - customer: { add_card: "${{ steps.link.response.link.url }}", card: "5555555555554444" }
      - id: list
        call: card.list
        with: { customerId: "${{ steps.line.customerId }}" }
        expect: { that: ["len(response.cards) == 2", "response.cards[0].isDefault"] }
        extract:
          first: ${{ response.cards[0].uuid }}
          second: ${{ response.cards[1].uuid }}
    """

  /// Scenario B step 2: "Use the card where isDefault = true as the primary payment option". With
  /// the second card of the list made the default, renewal and top-up both charge it.
  @Test func scenarioBChargesTheDefaultCardWhereverItIsListed() async throws {
    let run = try await Self.run(
      """
      name: The default card is the second one
      steps:
      \(Self.lineWithTwoCards)
        - call: card.setDefault
          with: { id: "${{ steps.list.second }}", default: true }
        - id: renewal
          use: b-renewal.yaml
          with: { customerId: "${{ steps.line.customerId }}" }
        - id: topup
          use: b-topup.yaml
          with: { customerId: "${{ steps.line.customerId }}" }
      outputs:
        first: ${{ steps.list.first }}
        second: ${{ steps.list.second }}
        renewalCard: ${{ steps.renewal.ccUUID }}
        topupCard: ${{ steps.topup.ccUUID }}
      """)
    #expect(run.result.outcome == .passed, "\(run.result.outcome)")
    let second = try #require(run.result.outputs["second"])
    #expect(run.result.outputs["first"] != second)
    #expect(run.result.outputs["renewalCard"] == second)
    #expect(run.result.outputs["topupCard"] == second)
  }

  /// With no card marked default, Scenario B stops before it quotes or charges, and says why.
  @Test(arguments: ["b-renewal.yaml", "b-topup.yaml"])
  func scenarioBStopsClearlyWithoutADefaultCard(_ playbook: String) async throws {
    let run = try await Self.run(
      """
      name: No card is the default
      steps:
      \(Self.lineWithTwoCards)
        - call: card.delete
          with: { cardId: "${{ steps.list.first }}", customerId: "${{ steps.line.customerId }}" }
        - id: b
          use: \(playbook)
          with: { customerId: "${{ steps.line.customerId }}" }
      """)
    guard case .failed(let message) = run.result.outcome else {
      Issue.record("expected a failure, got \(run.result.outcome)")
      return
    }
    #expect(message.contains("has no default card"), "\(message)")
    #expect(message.contains("isDefault true"), "\(message)")
    let calls = Self.called(run)
    let afterDelete = calls.drop { $0 != "card.delete" }
    #expect(!afterDelete.contains("product.quote") && !afterDelete.contains("product.subsequent"), "\(calls)")
  }

  /// Scenario B's top-up goes by the guide's steps: customerinfo, the cards, the quote endpoint,
  /// the /subsequent endpoint, then the status poll; not the top-up endpoints of section 6.
  @Test func scenarioBTopUpCallsTheGuidesEndpointsInOrder() async throws {
    let run = try await Self.run(
      """
      name: Top up an active line
      steps:
        - id: line
          use: d-esim-activation.yaml
        - id: topup
          use: b-topup.yaml
          with: { customerId: "${{ steps.line.customerId }}", topupCode: TOPUP-5GB }
      outputs:
        allowance: ${{ steps.topup.dataAllowanceGB }}
      """)
    #expect(run.result.outcome == .passed, "\(run.result.outcome)")
    // The line's plan has 5 GB; the pack adds 5.
    #expect(run.result.outputs["allowance"] == 10)
    let calls = Self.called(run)
    let topup = Self.called(run, in: "b-topup.yaml")
    #expect(!calls.contains("topup.quote") && !calls.contains("topup.purchase"), "\(calls)")
    let guideSteps = ["customer.info", "card.list", "product.quote", "product.subsequent", "product.status"]
    #expect(guideSteps.allSatisfy(topup.contains), "\(topup)")
    let positions = guideSteps.compactMap { step in topup.firstIndex(of: step) }
    #expect(positions == positions.sorted(), "\(topup)")
  }

  /// What a step extracted, by its label.
  static func extracted(_ run: WaitForTests.Run, _ label: String) -> [String: JSONValue]? {
    for event in run.events {
      if case .stepFinished(let step, _, _, let extracted) = event, step.label == label { return extracted }
    }
    return nil
  }

  /// Scenario A step 6: "The payment link expires (see link.expireDate) … If it expires, resubmit
  /// the order." The customer comes back 31 minutes late (the sandbox's link lasts 30, on the
  /// run's virtual clock): the run resubmits the order, the customer pays the new link, and step
  /// 8 follows the `transId` the payment page sent the customer back with (step 7).
  @Test(arguments: ["callbacks", "polling"])
  func scenarioAResubmitsAnOrderWhoseLinkExpired(_ mode: String) async throws {
    let run = try await Self.run(
      file: "a-new-customer-purchase.yaml", inputs: ["lateCustomer": true, "mode": .string(mode)])
    #expect(run.result.outcome == .passed, "\(run.result.outcome)")
    #expect(Self.extracted(run, "linkState")?["status"] == "EXPIRED")
    let first = try #require(Self.extracted(run, "purchase")?["transactionId"])
    let resubmitted = try #require(Self.extracted(run, "resubmit")?["transactionId"])
    #expect(first != resubmitted)
    #expect(Self.called(run, in: "a-new-customer-purchase.yaml").filter { $0 == "product.purchase" }.count == 2)
    // Step 7: the customer came back with the resubmitted order's transId, and step 8 read it.
    #expect(Self.extracted(run, "pay")?["transId"] == resubmitted)
    #expect(run.result.outputs["transactionId"] == resubmitted)
    #expect(run.result.outputs["customerId"]?.stringValue?.hasPrefix("CUST") == true)
  }

  /// A customer who pays in time: nothing is resubmitted, and step 8 follows step 7's `transId`.
  @Test func scenarioAFollowsTheTransIdOfStep7() async throws {
    let run = try await Self.run(file: "a-new-customer-purchase.yaml", inputs: ["mode": "polling"])
    #expect(run.result.outcome == .passed, "\(run.result.outcome)")
    #expect(Self.extracted(run, "linkState")?["status"] == "PAYMENT_PENDING")
    #expect(Self.extracted(run, "resubmit") == nil)
    let transId = try #require(Self.extracted(run, "pay")?["transId"])
    #expect(run.result.outputs["transactionId"] == transId)
    #expect(Self.extracted(run, "completion")?["status"] == "COMPLETED")
  }

  /// Scenario E: the port begins with the purchase (step 3), so the playbook polls the port-in
  /// status (step 4) without an activation call; a wrong PIN (the sandbox's 0000) fails it at 10
  /// and UPDATE_PIN (step 5) brings it to 2.
  @Test(arguments: ["4321", "0000"])
  func scenarioEPortsWithThePurchaseAlone(_ pin: String) async throws {
    let run = try await Self.run(file: "e-port-in.yaml", inputs: ["password": .string(pin)])
    #expect(run.result.outcome == .passed, "\(run.result.outcome)")
    #expect(!Self.called(run).contains("activation.submit"), "\(Self.called(run))")
    #expect(Self.extracted(run, "started") != nil)
    #expect(run.result.outputs["firstStatus"] == (pin == "0000" ? 10 : 2))
    #expect(run.result.outputs["status"] == 2)
  }
}
