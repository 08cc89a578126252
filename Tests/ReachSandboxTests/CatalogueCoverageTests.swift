import HTTPTypes
import ReachCatalogue
import ReachEndpoints
import ReachSandbox
import Testing

/// Every endpoint of the catalogue, called on the sandbox with arguments that pass its validation:
/// each reaches the state and answers from it (a success, or a 404/409 the state calls for), never
/// a 5xx and never the "not simulated" error of an endpoint the sandbox does not know.
@Suite("Every catalogue endpoint is simulated")
struct CatalogueCoverageTests {
  /// Ids of an account that has a little of everything, for the arguments that name one.
  struct Context {
    var customerId: String
    var secondLine: String
    var groupId: String
    var cardId: String
    var billId: String
    var invoiceId: String
    var transactionId: String
  }

  static func argument(_ field: Field, _ c: Context) -> JSONValue? {
    switch field.name {
    case "customerId", "primaryCustomerId": return .string(c.customerId)
    case "secondaryCustomerId": return .string(c.secondLine)
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

  /// Required fields, then optional ones while the arguments stay valid (rules such as "either
  /// iccId or imei" decide which optional ones fit).
  static func arguments(for endpoint: Endpoint, _ c: Context) -> [String: JSONValue] {
    let plugin = EndpointRegistry.standard.plugin(endpoint.id)
    var arguments: [String: JSONValue] = [:]
    for field in endpoint.fields where field.required && field.constant == nil {
      arguments[field.name] = argument(field, c)
    }
    for field in endpoint.fields where !field.required && field.constant == nil {
      guard let value = argument(field, c) else { continue }
      var tried = arguments
      tried[field.name] = value
      if plugin?.validate(tried, unresolved: []).isEmpty == true { arguments = tried }
    }
    return arguments
  }

  @Test func everyEndpointAnswersFromTheState() async throws {
    try await SandboxHarness(options: SandboxOptions(customers: 2)).run { caller in
      let customerId = try await Flows.activeLine(caller, clientAccountId: "acct-all")
      let cards = try await caller.call(.get, "/apisvc/v0/account/card?customerId=\(customerId)")
      let bills = try await caller.call(.get, "/apisvc/v0/billing/customer/\(customerId)")
      let info = try await caller.call(.get, "/apisvc/v0/customerinfo?customerId=\(customerId)")
      let audit = try #require(try await caller.call(.get, "/__sandbox/audit")["entries"]?.arrayValue)
      let pay = try #require(audit.first { $0["endpointId"] == "sandbox.pay" }?["path"]?.stringValue)
      let context = Context(
        customerId: customerId, secondLine: "SUB0000001", groupId: try #require(info["groupId"]?.stringValue),
        cardId: try #require(cards["cards.0.uuid"]?.stringValue),
        billId: try #require(bills["bills.0.billId"]?.stringValue),
        invoiceId: try #require(
          try await caller.call(.get, "/apisvc/v0/invoice/history/\(customerId)")["invoices.0.invoiceId"]?.stringValue),
        transactionId: String(try #require(pay.split(separator: "/").last)))

      #expect(Catalogue.endpoints.count == 68)
      for endpoint in Catalogue.endpoints {
        let arguments = Self.arguments(for: endpoint, context)
        let plugin = try #require(EndpointRegistry.standard.plugin(endpoint.id))
        // Valid arguments, so the call gets past validation to the state.
        #expect(plugin.validate(arguments, unresolved: []).isEmpty, "\(endpoint.id): \(arguments)")
        let request = EndpointRequest.build(endpoint, arguments: arguments)
        var headers = caller.authHeaders
        for header in request.headers { headers[HTTPField.Name(header.name)!] = header.value }
        let reply = try await caller.call(
          HTTPRequest.Method(rawValue: request.method.rawValue)!, request.pathAndQuery, json: request.body,
          headers: headers)
        #expect(reply.status < 500, "\(endpoint.id) answered \(reply.status): \(reply.text)")
        #expect(reply.status != 404 || !reply.text.contains("no endpoint"), "\(endpoint.id) was not routed")
        #expect(!reply.text.contains("not simulated"), "\(endpoint.id): \(reply.text)")
      }
    }
  }
}
