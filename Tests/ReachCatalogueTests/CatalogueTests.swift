import ReachCatalogue
import Testing

/// Section 6 of the guide, as printed: the catalogue must hold each line exactly once.
let section6: [String] = [
  "PUT /opssvc/v0/clientapi/account/generataccesskey",
  "POST /apisvc/v0/network/coverage",
  "GET /apisvc/v0/device/imei/{imei}",
  "GET /apisvc/v0/product/fetch",
  "GET /apisvc/v0/product/fetch/plan",
  "GET /apisvc/v0/product/fetch/offer",
  "GET /apisvc/v0/product/fetch/service",
  "POST /apisvc/v0/product/quote",
  "POST /apisvc/v0/product",
  "GET /apisvc/v0/product/status/{transactionId}",
  "POST /apisvc/v0/product/subsequent",
  "PUT /apisvc/v0/account/generate/addcard/link/{customerId}",
  "GET /apisvc/v0/account/card?customerId={customerId}",
  "GET /apisvc/v0/account/card/specific?cardId={id}",
  "PUT /apisvc/v0/account/card?id={cardId}&default=true",
  "PUT /apisvc/v0/account/card",
  "DELETE /apisvc/v0/account/card?cardId={id}&customerId={cid}",
  "POST /apisvc/v0/iccid/validate",
  "POST /apisvc/v0/activation",
  "GET /apisvc/v0/activation/status?customerId={cid}",
  "PUT /apisvc/v0/update/portin",
  "PUT /apisvc/v0/port/validate/mdn?mdn={mdn}",
  "POST /apisvc/v0/zipCode/validate",
  "POST /apisvc/v0/sendsms/{customerId}",
  "GET /apisvc/v0/customerinfo?customerId={cid}",
  "PUT /apisvc/v0/account/update/fields/{customerId}",
  "PUT /apisvc/v0/reconnect",
  "PUT /apisvc/v0/disconnect",
  "PUT /apisvc/v0/suspend",
  "PUT /apisvc/v0/restore",
  "PUT /apisvc/v0/mdn/swap",
  "GET /apisvc/v0/mdn/swap/status/{customerId}",
  "POST /apisvc/v0/iccid/swap",
  "PUT /apisvc/v0/customers/swap",
  "PUT /apisvc/v0/leaving/customer",
  "POST /apisvc/v0/customer/reset/{customerId}",
  "GET /apisvc/v0/customer/reset/status/{customerId}",
  "PUT /apisvc/v0/customer/reset/voicemail/password/{customerId}",
  "GET /apisvc/v0/usage/summary?usageData={type}",
  "PUT /apisvc/v0/customer/manage/feature/{customerId}",
  "GET /apisvc/v0/billing/customer/{customerId}",
  "GET /apisvc/v0/billing/customize/{billId}",
  "POST /apisvc/v0/payment/customer",
  "GET /apisvc/v0/invoice/history/{customerId}",
  "GET /apisvc/v0/invoice/link/generate",
  "POST /apisvc/v0/invoice/sendemail",
  "POST /apisvc/v0/topup/quote",
  "POST /apisvc/v0/topup/purchase",
  "POST /apisvc/v0/estimate/plan/change",
  "POST /apisvc/v0/purchase/plan/change",
  "GET /apisvc/v0/status/plan/change/{txnId}",
  "GET /apisvc/v0/ild/status?groupId={id}",
  "GET /apisvc/v0/ild/usage?groupId={id}",
  "GET /apisvc/v0/ild/purchase/history/{customerId}",
  "POST /apisvc/v0/ild/quote",
  "POST /apisvc/v0/ild/purchase",
  "GET /apisvc/v0/shipment/order/customer/{customerId}",
  "PUT /apisvc/v0/shipment/order/cancel/{customerId}",
  "GET /apisvc/v0/intl/roaming/countries/mvne?mvne=ATT",
  "POST /apisvc/v0/get/additional/offerings",
  "POST /apisvc/v0/intl/roaming/pack/quote/customer/{customerId}",
  "POST /apisvc/v0/intl/roaming/pack/purchase/customer/{customerId}",
  "GET /apisvc/v0/intl/roaming/pack/group",
  "POST /apisvc/v0/intl/roaming/pack/{packId}/autorenew",
  "GET /apisvc/v0/intl/roaming/pack/usage",
  "POST /apisvc/v0/generate/otp/sim/swap",
  "POST /apisvc/v0/perform/otp/sim/swap",
  "GET /apisvc/v0/get/status/sim/swap?id={id}",
]

/// Method, path without query, and the query names the guide prints.
struct GuideLine: Hashable {
  var method: String
  var path: String
  var query: [String]

  init(_ line: String) {
    let parts = line.split(separator: " ", maxSplits: 1)
    method = String(parts[0])
    let target = parts[1].split(separator: "?", maxSplits: 1)
    path = String(target[0])
    query = target.count > 1 ? target[1].split(separator: "&").map { String($0.split(separator: "=")[0]) } : []
  }
}

@Suite struct CatalogueTests {
  @Test func holdsAll68Endpoints() {
    #expect(section6.count == 68)
    #expect(Catalogue.endpoints.count == 68)
  }

  @Test func idsAreUniqueAndDotted() {
    let ids = Catalogue.ids
    #expect(Set(ids).count == ids.count)
    for id in ids {
      #expect(id.split(separator: ".").count == 2, "\(id) is not dotted")
    }
  }

  @Test func everyLineOfSection6IsPresentExactlyOnceInOrder() {
    let lines = section6.map(GuideLine.init)
    #expect(lines.count == Catalogue.endpoints.count)
    for (line, endpoint) in zip(lines, Catalogue.endpoints) {
      #expect(endpoint.method.rawValue == line.method, "\(endpoint.id)")
      #expect(endpoint.path == line.path, "\(endpoint.id): \(endpoint.path) vs \(line.path)")
      let queryNames = endpoint.fields(in: .query).map(\.name)
      #expect(Set(line.query).isSubset(of: Set(queryNames)), "\(endpoint.id): query \(line.query) vs \(queryNames)")
    }
    // Method + path + query names identify each line once (the guide lists PUT /account/card twice).
    let keys = Catalogue.endpoints.map { "\($0.method.rawValue) \($0.path) \($0.fields(in: .query).map(\.name))" }
    #expect(Set(keys).count == 68)
  }

  @Test func pathParametersAreFields() {
    for endpoint in Catalogue.endpoints {
      let pathFields = endpoint.fields(in: .path).map(\.name)
      #expect(pathFields == endpoint.pathParameterNames, "\(endpoint.id)")
    }
  }

  @Test func asyncEndpointsNameAStatusEndpointThatExists() {
    let async = Catalogue.endpoints.filter(\.isAsync)
    #expect(async.count >= 4)
    for endpoint in async {
      let spec = endpoint.async!
      let status = Catalogue.endpoint(spec.statusEndpoint)
      #expect(status != nil, "\(endpoint.id) → \(spec.statusEndpoint)")
      #expect(status?.method == .get)
      #expect(!spec.success.isEmpty && !spec.failure.isEmpty)
      for (name, source) in spec.statusArguments {
        #expect(status?.field(named: name) != nil, "\(spec.statusEndpoint) has no field \(name)")
        if case .request(let field) = source { #expect(endpoint.field(named: field) != nil) }
        if case .response(let path) = source { #expect(endpoint.response.contains { $0.path == path }) }
      }
    }
    for id in ["product.purchase", "product.subsequent", "activation.submit", "customer.reset"] {
      #expect(Catalogue.endpoint(id)?.isAsync == true, "the guide marks \(id) [ASYNC]")
    }
  }

  @Test func guideNamesAreKept() {
    #expect(Catalogue.endpoint("account.generateAccessKey")?.path.hasSuffix("generataccesskey") == true)
    let keys = Catalogue.endpoint("account.generateAccessKey")!.response.map(\.path)
    #expect(keys.contains("accountAccessKeyId") && keys.contains("accountAccessSecreteKey"))
    let purchase = Catalogue.endpoint("product.purchase")!
    for name in ["numberToPort", "oldCarrier", "oldCarrierAccountNumber", "password", "oldZip", "redirectUrl"] {
      #expect(purchase.field(named: name) != nil, "purchase lacks \(name)")
    }
    #expect(Catalogue.endpoint("portin.validateMdn")!.response.contains { $0.path == "isPortValidate" })
    #expect(Catalogue.endpoint("product.quote")!.response.contains { $0.path == "oneTimeCharge.totalOneTimeCost" })
    #expect(Catalogue.endpoint("product.plans")!.response.contains { $0.path == "plans[].upGradableTo" })
  }

  @Test func onlyKeyGenerationSendsBypassToken() {
    let withBypass = Catalogue.endpoints.filter { $0.fields.contains { $0.name == "bypass-token" } }
    #expect(withBypass.map(\.id) == ["account.generateAccessKey"])
    #expect(withBypass[0].field(named: "bypass-token")?.location == .header)
    #expect(withBypass[0].field(named: "bypass-token")?.constant == true)
  }

  @Test func secretsAreMarkedSensitive() {
    for name in ["password", "oldCarrierAccountNumber", "accountAccessSecreteKey", "accountAccessKeyId", "otp"] {
      #expect(Catalogue.sensitiveNames.contains(name), "\(name)")
    }
    #expect(!Catalogue.sensitiveNames.contains("customerId"))
  }

  @Test func statusTablesMatchTheGuide() {
    let codes = Dictionary(uniqueKeysWithValues: ActivationStatus.allCases.map { ($0.rawValue, $0.name) })
    #expect(codes[0] == "INACTIVE")
    #expect(codes[1] == "ACTIVATION_IN_PROGRESS")
    #expect(codes[2] == "ACTIVE")
    #expect(codes[8] == "ACTIVATION_FAILED")
    #expect(codes[9] == "PORTING_IN_PROGRESS")
    #expect(codes[10] == "PORTING_FAILED")
    #expect(codes[11] == "PORT_CANCELLED")
    #expect(
      PurchaseState.allCases.map(\.rawValue).starts(with: [
        "ORDER_RECEIVED", "PAYMENT_PENDING", "PAYMENT_PROCESSING", "COMPLETED", "FAILED",
      ]))
    #expect(DataCutoffReason.enable == ["OVERUSE", "BILLDUE", "CUSTOMER_REQUEST", "OTHER"])
    #expect(DataCutoffReason.remove == ["BILLPAID", "CUSTOMER_REQUEST", "OTHER"])
    #expect(
      PortInUpdateType.allCases.map(\.rawValue) == [
        "UPDATE_PIN", "UPDATE_ACCOUNT", "UPDATE_ZIP", "RESUBMIT_PORT", "CANCEL_PORT", "CANCEL_AND_NEW",
      ])
  }

  @Test func everyEndpointServesAScenarioAndDocumentsItsResponse() {
    for endpoint in Catalogue.endpoints {
      #expect(!endpoint.scenarios.isEmpty, "\(endpoint.id)")
      #expect(!endpoint.response.isEmpty, "\(endpoint.id) documents no response")
    }
    for scenario in Scenario.allCases {
      #expect(Catalogue.endpoints.contains { $0.scenarios.contains(scenario) }, "no endpoint for \(scenario)")
    }
  }
}
