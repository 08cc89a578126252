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
  /// Each handler takes its endpoint's generated `Arguments`, decoded here once from the named
  /// values that passed validation.
  private func answer(_ id: EndpointID, _ a: [String: JSONValue]) throws(SandboxError) -> JSONValue {
    switch id {
    case .customerInfo: return try customerInfo(typed(a))
    case .subscriberDataCutoff: return try dataCutoff(typed(a))
    case .subscriberSuspend: return try lifecycle(typed(a, SubscriberSuspendEndpoint.self).customerId, .suspend)
    case .subscriberRestore: return try lifecycle(typed(a, SubscriberRestoreEndpoint.self).customerId, .restore)
    case .productStatus: return try purchaseStatus(typed(a))
    case .activationStatus: return try activationStatus(typed(a))
    case .accountGenerateAccessKey:
      return [
        "accountAccessKeyId": .string(nextID("sbx-access-key-")),
        "accountAccessSecreteKey": .string(nextID("sbx-secret-")), "createdDate": .string(clock.now.iso8601),
      ]
    case .networkCoverage: return try coverage(typed(a))
    case .deviceImei: return try device(typed(a))
    case .productFetch: return products(plans: true, services: true, offers: true)
    case .productPlans: return products(plans: true, services: false, offers: false)
    case .productOffers: return products(plans: false, services: false, offers: true)
    case .productServices: return products(plans: false, services: true, offers: false)
    case .productQuote: return try quote(typed(a))
    case .productPurchase: return try purchase(typed(a))
    case .productSubsequent: return try subsequent(typed(a))
    case .cardAddLink: return try addCardLink(typed(a))
    case .cardList: return try cardList(typed(a))
    case .cardGet: return try card(typed(a, CardGetEndpoint.self).cardId).json
    case .cardSetDefault: return try setDefaultCard(typed(a))
    case .cardUpdate: return try updateCard(typed(a))
    case .cardDelete: return try deleteCard(typed(a))
    case .simValidateIccid: return try validateIccid(typed(a))
    case .activationSubmit: return try activate(typed(a))
    case .portinUpdate: return try updatePortIn(typed(a))
    case .portinValidateMdn: return try validateMdn(typed(a))
    case .zipValidate: return try validateZip(typed(a))
    case .customerUpdateFields: return try updateFields(typed(a))
    case .subscriberDisconnect:
      return try lifecycle(typed(a, SubscriberDisconnectEndpoint.self).customerId, .disconnect)
    case .subscriberReconnect: return try lifecycle(typed(a, SubscriberReconnectEndpoint.self).customerId, .reconnect)
    case .billingBills: return try billList(typed(a))
    case .billingBillDetails: return try billDetails(typed(a))
    case .billingPay: return try payBill(typed(a))
    case .invoiceHistory: return try invoiceHistory(typed(a))
    case .invoiceLink: return try invoiceLink(typed(a))
    case .invoiceEmail: return try invoiceEmail(typed(a))
    case .mdnSwap: return try swapMdn(typed(a))
    case .mdnSwapStatus: return try mdnSwapStatus(typed(a))
    case .simSwap: return try swapSim(typed(a))
    case .simSwapGenerateOtp: return try generateOtp(typed(a))
    case .simSwapPerform: return try performSimSwap(typed(a))
    case .simSwapStatus: return try simSwapStatus(typed(a))
    case .customerReset: return try reset(typed(a))
    case .customerResetStatus: return try resetStatus(typed(a))
    case .subscriberSendSms: return try sendSms(typed(a))
    case .planEstimateChange: return try estimatePlanChange(typed(a))
    case .planChange: return try changePlan(typed(a))
    case .planChangeStatus: return try planChangeStatus(typed(a))
    case .customerLeaving: return try recordLeaving(typed(a))
    case .customerResetVoicemailPin: return try resetVoicemailPin(typed(a))
    case .customerSwapPrimary: return try swapPrimary(typed(a))
    case .topupQuote: return try topupQuote(typed(a))
    case .topupPurchase: return try purchaseTopup(typed(a))
    case .shipmentOrder: return try shipmentOrder(typed(a))
    case .shipmentCancel: return try cancelShipment(typed(a))
    case .ildQuote: return try ildQuote(typed(a))
    case .ildPurchase: return try ildPurchase(typed(a))
    case .ildStatus: return try ildStatus(typed(a))
    case .ildUsage: return try ildUsage(typed(a))
    case .ildHistory: return try ildHistory(typed(a))
    case .roamingCountries: return roamingCountries()
    case .roamingOfferings: return try roamingOfferings(typed(a))
    case .roamingQuote: return try roamingQuote(typed(a))
    case .roamingPurchase: return try roamingPurchase(typed(a))
    case .roamingPackGroup: return try roamingPackGroup(typed(a))
    case .roamingAutoRenew: return try roamingAutoRenew(typed(a))
    case .roamingUsage: return try roamingUsage(typed(a))
    case .usageSummary: return try usageSummary(typed(a))
    }
  }

  /// The typed arguments of a call, with their type inferred from the handler that takes them.
  private func typed<Arguments: EndpointArguments>(_ a: [String: JSONValue]) throws(SandboxError) -> Arguments {
    do {
      return try Arguments(named: a)
    } catch {
      throw .badRequest(error.issues)
    }
  }

  /// The typed arguments of a call to `plugin`, for a handler that serves several endpoints.
  private func typed<Plugin: EndpointPlugin>(_ a: [String: JSONValue], _ plugin: Plugin.Type) throws(SandboxError)
    -> Plugin.Arguments
  {
    try typed(a)
  }
}
