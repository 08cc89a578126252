import ReachCatalogue
import ReachEndpoints

/// One catalogue endpoint, answered from the state: the success status and body.
extension SandboxState {
  func handle(_ id: EndpointID, _ a: [String: JSONValue]) throws(SandboxError) -> (Int, JSONValue) {
    settle()
    // What the call changed in a line's data use moves its next usage notification.
    defer { armUsageAlarms() }
    let body = try answer(id, a)
    return (id.endpoint.successStatus, body)
  }

  /// One case per catalogue endpoint, and no `default`: an endpoint added to the catalogue
  /// without an answer here does not compile.
  private func answer(_ id: EndpointID, _ a: [String: JSONValue]) throws(SandboxError) -> JSONValue {
    switch id {
    case .customerInfo: return try customerInfo(a)
    case .subscriberDataCutoff: return try dataCutoff(a)
    case .subscriberSuspend: return try lifecycle(a, .suspend)
    case .subscriberRestore: return try lifecycle(a, .restore)
    case .productStatus: return try purchaseStatus(a)
    case .activationStatus: return try activationStatus(a)
    case .accountGenerateAccessKey:
      return [
        "accountAccessKeyId": .string(nextID("sbx-access-key-")),
        "accountAccessSecreteKey": .string(nextID("sbx-secret-")), "createdDate": .string(clock.now.iso8601),
      ]
    case .networkCoverage: return coverage(a)
    case .deviceImei: return device(a)
    case .productFetch: return products(plans: true, services: true, offers: true)
    case .productPlans: return products(plans: true, services: false, offers: false)
    case .productOffers: return products(plans: false, services: false, offers: true)
    case .productServices: return products(plans: false, services: true, offers: false)
    case .productQuote: return try quote(a)
    case .productPurchase: return try purchase(a)
    case .productSubsequent: return try subsequent(a)
    case .cardAddLink: return try addCardLink(a)
    case .cardList: return try cardList(a)
    case .cardGet: return try card(a["cardId"]).json
    case .cardSetDefault: return try setDefaultCard(a)
    case .cardUpdate: return try updateCard(a)
    case .cardDelete: return try deleteCard(a)
    case .simValidateIccid: return validateIccid(a)
    case .activationSubmit: return try activate(a)
    case .portinUpdate: return try updatePortIn(a)
    case .portinValidateMdn: return validateMdn(a)
    case .zipValidate: return validateZip(a)
    case .customerUpdateFields: return try updateFields(a)
    case .subscriberDisconnect: return try lifecycle(a, .disconnect)
    case .subscriberReconnect: return try lifecycle(a, .reconnect)
    case .billingBills: return try billList(a)
    case .billingBillDetails: return try billDetails(a)
    case .billingPay: return try payBill(a)
    case .invoiceHistory: return try invoiceHistory(a)
    case .invoiceLink: return try invoiceLink(a)
    case .invoiceEmail: return try invoiceEmail(a)
    case .mdnSwap: return try swapMdn(a)
    case .mdnSwapStatus: return try mdnSwapStatus(a)
    case .simSwap: return try swapSim(a)
    case .simSwapGenerateOtp: return try generateOtp(a)
    case .simSwapPerform: return try performSimSwap(a)
    case .simSwapStatus: return try simSwapStatus(a)
    case .customerReset: return try reset(a)
    case .customerResetStatus: return try resetStatus(a)
    case .subscriberSendSms: return try sendSms(a)
    case .planEstimateChange: return try estimatePlanChange(a)
    case .planChange: return try changePlan(a)
    case .planChangeStatus: return try planChangeStatus(a)
    case .customerLeaving: return try recordLeaving(a)
    case .customerResetVoicemailPin: return try resetVoicemailPin(a)
    case .customerSwapPrimary: return try swapPrimary(a)
    case .topupQuote: return try topupQuote(a)
    case .topupPurchase: return try purchaseTopup(a)
    case .shipmentOrder: return try shipmentOrder(a)
    case .shipmentCancel: return try cancelShipment(a)
    case .ildQuote: return try ildQuote(a)
    case .ildPurchase: return try ildPurchase(a)
    case .ildStatus: return try ildStatus(a)
    case .ildUsage: return try ildUsage(a)
    case .ildHistory: return try ildHistory(a)
    case .roamingCountries: return roamingCountries()
    case .roamingOfferings: return try roamingOfferings(a)
    case .roamingQuote: return try roamingQuote(a)
    case .roamingPurchase: return try roamingPurchase(a)
    case .roamingPackGroup: return try roamingPackGroup(a)
    case .roamingAutoRenew: return try roamingAutoRenew(a)
    case .roamingUsage: return try roamingUsage(a)
    case .usageSummary: return try usageSummary(a)
    }
  }
}
