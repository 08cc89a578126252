import Foundation
import HTTPTypes
import ReachCatalogue
import ReachEndpoints
import ReachSandbox
import Testing

/// Every endpoint of the catalogue, called on the sandbox with arguments that pass its validation,
/// from a state where it succeeds: each answers 2xx with what the catalogue describes, never a 5xx
/// and never the "not simulated" error of an endpoint the sandbox does not know.
@Suite("Every catalogue endpoint is simulated")
struct CatalogueCoverageTests {
  /// Ids of an account that has a little of everything, for the arguments that name one.
  struct Context {
    var customerId: String
    var groupId: String
    var cardId: String
    var billId: String
    var invoiceId: String
    var transactionId: String
  }

  static func argument(_ field: Field, _ c: Context) -> JSONValue? {
    switch field.name {
    case "customerId", "primaryCustomerId": return .string(c.customerId)
    case "groupId": return .string(c.groupId)
    case "ccUUID", "cardId", "id": return .string(c.cardId)
    case "billId": return .string(c.billId)
    case "invoiceId": return .string(c.invoiceId)
    case "transactionId", "txnId": return .string(c.transactionId)
    case "planId": return "REACH-PLUS-15GB"
    case "newPlanId": return "REACH-UNLIMITED"
    case "topupCode": return "TOPUP-1GB"
    case "packId": return "IR-DAY-NA"
    case "countries": return ["MX"]
    case "amount": return 10
    default: break
    }
    switch field.validator {
    case .iccid: return .string(Luhn.complete("890199900000000042"))
    case .imei: return "351234567890124"
    case .mdn: return "3125550100"
    case .zip: return "10001"
    case .httpsURL: return "https://brand.example/return"
    case .email: return "ada@example.com"
    case .date: return "2026-01-01"
    case .oneOf(let values): return values.first.map(JSONValue.string)
    case .range(let low, _): return .int(low)
    case .nonEmpty, nil:
      switch field.type {
      case .string: return "x"
      case .integer: return 1
      case .number: return 1
      case .boolean: return true
      case .list: return ["x"]
      case .object: return [:]
      }
    }
  }

  /// `overrides` (those the endpoint takes), then the other required fields, then optional ones
  /// while the arguments stay valid (rules such as "either iccId or imei" decide which fit).
  static func arguments(
    for endpoint: Endpoint, _ c: Context, _ overrides: [String: JSONValue] = [:]
  ) -> [String: JSONValue] {
    let plugin = EndpointRegistry.standard.plugin(endpoint.id)
    // Only what the endpoint takes: one line's overrides serve several endpoints in `prepare`.
    var arguments = overrides.filter { name, _ in endpoint.fields.contains { $0.name == name } }
    for field in endpoint.fields where field.required && field.constant == nil && overrides[field.name] == nil {
      arguments[field.name] = argument(field, c)
    }
    for field in endpoint.fields where !field.required && field.constant == nil && overrides[field.name] == nil {
      guard let value = argument(field, c) else { continue }
      var tried = arguments
      tried[field.name] = value
      if plugin?.validate(tried, unresolved: []).isEmpty == true { arguments = tried }
    }
    return arguments
  }

  /// Calls `endpoint` on the sandbox with `arguments`, as the runner would send them.
  static func send(_ caller: Caller, _ endpoint: Endpoint, _ arguments: [String: JSONValue]) async throws -> Reply {
    let request = EndpointRequest.build(endpoint, arguments: arguments)
    var headers = caller.authHeaders
    for header in request.headers { headers[HTTPField.Name(header.name)!] = header.value }
    return try await caller.call(
      HTTPRequest.Method(rawValue: request.method.rawValue)!, request.pathAndQuery, json: request.body,
      headers: headers)
  }

  /// Calls the endpoint `id` with the context's arguments under `overrides`; a setup step, so it
  /// must succeed.
  static func setUp(
    _ caller: Caller, _ id: String, _ c: Context, _ overrides: [String: JSONValue]
  ) async throws -> Reply {
    let endpoint = Catalogue.require(id)
    let reply = try await send(caller, endpoint, arguments(for: endpoint, c, overrides))
    guard (200..<300).contains(reply.status) else {
      throw HarnessError("\(id) answered \(reply.status): \(reply.text)")
    }
    return reply
  }

  /// The arguments, over the shared context's, of the endpoints that succeed only from a state of
  /// their own: each gets a line of its own, brought to that state, so that no call moves
  /// another's. Lines are bought first (each purchase and activation advances the clock ten
  /// minutes), then what lasts a short while is started: a port-in (2 to 10 minutes), a shipment
  /// (pending 4 hours), quotes (30 minutes), an OTP (5 minutes). The loop then runs at one instant.
  static func prepare(_ caller: Caller, _ c: Context) async throws -> [String: [String: JSONValue]] {
    var overrides: [String: [String: JSONValue]] = [:]
    // An ACTIVE line of its own, and its default card for what charges one.
    let onActiveLines = [
      "subscriber.suspend", "subscriber.restore", "subscriber.reconnect", "customer.reset", "customer.resetStatus",
      "simSwap.perform", "simSwap.status", "plan.changeStatus", "topup.purchase", "ild.purchase",
      "roaming.purchase", "roaming.autoRenew", "billing.pay",
    ]
    for id in onActiveLines {
      let customerId = try await Flows.activeLine(caller, clientAccountId: "acct-\(id)")
      let card = try await Flows.defaultCard(caller, customerId)
      overrides[id] = ["customerId": .string(customerId), "ccUUID": .string(card)]
    }
    // A bill that is due, paid in full.
    let payer = try #require(overrides["billing.pay"]?["customerId"]?.stringValue)
    let bills = try await caller.call(.get, "/apisvc/v0/billing/customer/\(payer)")
    guard let bill = bills["bills.0.billId"], let amount = bills["bills.0.amount"] else {
      throw HarnessError("no bill: \(bills.text)")
    }
    overrides["billing.pay"]?["billId"] = bill
    overrides["billing.pay"]?["amount"] = amount

    // Bought and not activated: activation.submit, and a SIM kit still PENDING to cancel.
    let bought = try await Flows.completedPurchase(caller, clientAccountId: "acct-activation.submit")
    // Its own SIM: the context's goes to sim.swap on the shared line, and a SIM serves one line.
    overrides["activation.submit"] = [
      "customerId": .string(bought), "iccId": .string(Luhn.complete("890199900000000043")),
    ]
    let shipped = try await Flows.completedPurchase(caller, clientAccountId: "acct-shipment.cancel")
    overrides["shipment.cancel"] = ["customerId": .string(shipped)]
    // Two lines of one account: the primary hands the designation to the other.
    let primary = try await Flows.completedPurchase(
      caller, clientAccountId: "acct-customer.swapPrimary", extra: ["lines": 2])
    overrides["customer.swapPrimary"] = [
      "primaryCustomerId": .string(primary),
      "secondaryCustomerId": .string(AccountLineTests.nextLine(after: primary)),
    ]
    // A port-in in progress since its purchase (3.E step 3), with a PIN and account number made
    // here (any but the failing PIN; the answers do not show them).
    let pin = String(Int.random(in: 1000...9999))
    let accountNumber = String(Int.random(in: 1000...9999))
    let porting = try await Flows.completedPurchase(
      caller, clientAccountId: "acct-portin.update",
      extra: [
        "numberToPort": "3125550199", "oldCarrier": "OtherCo", "oldCarrierAccountNumber": .string(accountNumber),
        "password": .string(pin), "oldZip": "60601",
      ])
    overrides["portin.update"] = ["customerId": .string(porting)]

    // A SUSPENDED line to restore and a DISCONNECTED one to reconnect (30 s to apply).
    _ = try await setUp(caller, "subscriber.suspend", c, try #require(overrides["subscriber.restore"]))
    _ = try await setUp(caller, "subscriber.disconnect", c, try #require(overrides["subscriber.reconnect"]))
    caller.clock.advance(by: .seconds(30))

    // From here on the clock stands still.
    // Open quotes for the purchases; a live IR pack to renew.
    _ = try await setUp(caller, "topup.quote", c, try #require(overrides["topup.purchase"]))
    _ = try await setUp(caller, "ild.quote", c, try #require(overrides["ild.purchase"]))
    _ = try await setUp(caller, "roaming.quote", c, try #require(overrides["roaming.purchase"]))
    let renewing = try #require(overrides["roaming.autoRenew"])
    _ = try await setUp(caller, "roaming.quote", c, renewing)
    _ = try await setUp(caller, "roaming.purchase", c, renewing)
    // A reset under way; a plan change under way, by its txnId.
    _ = try await setUp(caller, "customer.reset", c, try #require(overrides["customer.resetStatus"]))
    let changing = try #require(overrides["plan.changeStatus"]?["customerId"])
    let change = try await setUp(caller, "plan.change", c, ["customerId": changing])
    overrides["plan.changeStatus"] = ["txnId": try #require(change["txnId"])]
    // An OTP sent, and the code the subscriber got (the sandbox's documented one).
    overrides["simSwap.perform"]?["otp"] = .string(MagicValues.simSwapOtp)
    _ = try await setUp(caller, "simSwap.generateOtp", c, try #require(overrides["simSwap.perform"]))
    // A SIM swap under way, by its id.
    var swapping = try #require(overrides["simSwap.status"])
    swapping["otp"] = .string(MagicValues.simSwapOtp)
    _ = try await setUp(caller, "simSwap.generateOtp", c, swapping)
    let swap = try await setUp(caller, "simSwap.perform", c, swapping)
    overrides["simSwap.status"] = ["id": try #require(swap["id"])]
    return overrides
  }

  static let examplesPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Sources/ReachCatalogue/SandboxExamples.generated.swift")

  static func examplesFile(_ examples: [String: String]) -> String {
    var text = """
      // swift-format-ignore-file
      // Generated by CatalogueCoverageTests from the sandbox's own answers; do not edit. To update:
      //   REACH_UPDATE_EXAMPLES=1 swift test --filter CatalogueCoverage

      /// One answer of the sandbox per endpoint that answers 2xx in `CatalogueCoverageTests`, as JSON
      /// text, sensitive values masked: the OpenAPI document's response examples.
      public enum SandboxExamples {
        public static let answers: [String: String] = [

      """
    for id in examples.keys.sorted() {
      text += "    \"\(id)\": ##\"\(examples[id]!)\"##,\n"
    }
    text += "  ]\n}\n"
    return text
  }

  @Test func everyEndpointAnswersFromTheState() async throws {
    try await SandboxHarness().run { caller in
      let customerId = try await Flows.activeLine(caller, clientAccountId: "acct-all")
      let cards = try await caller.call(.get, "/apisvc/v0/account/card?customerId=\(customerId)")
      let bills = try await caller.call(.get, "/apisvc/v0/billing/customer/\(customerId)")
      let info = try await caller.call(.get, "/apisvc/v0/customerinfo?customerId=\(customerId)")
      let audit = try #require(try await caller.call(.get, "/__sandbox/audit")["entries"]?.arrayValue)
      let pay = try #require(audit.first { $0["endpointId"] == "sandbox.pay" }?["path"]?.stringValue)
      let context = Context(
        customerId: customerId, groupId: try #require(info["groupId"]?.stringValue),
        cardId: try #require(cards["cards.0.uuid"]?.stringValue),
        billId: try #require(bills["bills.0.billId"]?.stringValue),
        invoiceId: try #require(
          try await caller.call(.get, "/apisvc/v0/invoice/history/\(customerId)")["invoices.0.invoiceId"]?.stringValue),
        transactionId: String(try #require(pay.split(separator: "/").last)))

      let overrides = try await Self.prepare(caller, context)

      #expect(Catalogue.endpoints.count == 68)
      var examples: [String: String] = [:]
      for endpoint in Catalogue.endpoints {
        let arguments = Self.arguments(for: endpoint, context, overrides[endpoint.id] ?? [:])
        let plugin = try #require(EndpointRegistry.standard.plugin(endpoint.id))
        // Valid arguments, so the call gets past validation to the state.
        #expect(plugin.validate(arguments, unresolved: []).isEmpty, "\(endpoint.id): \(arguments)")
        let reply = try await Self.send(caller, endpoint, arguments)
        #expect(reply.status < 500, "\(endpoint.id) answered \(reply.status): \(reply.text)")
        #expect(reply.status != 404 || !reply.text.contains("no endpoint"), "\(endpoint.id) was not routed")
        #expect(!reply.text.contains("not simulated"), "\(endpoint.id): \(reply.text)")
        // The answer is what the catalogue describes (issue 16's drift check, 17's exact document).
        let differences = ContractCheck.differences(endpoint, status: reply.status, body: reply.json)
        #expect(differences.isEmpty, "\(endpoint.id): \(differences.map(\.summary))")
        if (200..<300).contains(reply.status) {
          examples[endpoint.id] = SensitiveFields.masked(reply.json).jsonText()
        }
      }
      // Every endpoint answered 2xx: the OpenAPI document has an example for each
      // (SandboxExamples.generated.swift).
      #expect(examples.count == 68, "no 2xx answer: \(Set(Catalogue.ids).subtracting(examples.keys).sorted())")
      if examples != SandboxExamples.answers {
        if ProcessInfo.processInfo.environment["REACH_UPDATE_EXAMPLES"] == "1" {
          try Self.examplesFile(examples).write(to: Self.examplesPath, atomically: true, encoding: .utf8)
        } else {
          let changed = Set(examples.keys).union(SandboxExamples.answers.keys).filter {
            examples[$0] != SandboxExamples.answers[$0]
          }
          let list = changed.sorted().joined(separator: ", ")
          Issue.record(
            Comment(
              rawValue: "the sandbox's answers changed for \(list); update the document's examples with "
                + "REACH_UPDATE_EXAMPLES=1 swift test --filter CatalogueCoverage"))
        }
      }
    }
  }
}
