import ReachCatalogue

/// One catalogue endpoint, answered from the state: the success status and body.
extension SandboxState {
  func handle(_ endpoint: Endpoint, _ a: [String: JSONValue]) throws(SandboxError) -> (Int, JSONValue) {
    settle()
    // What the call changed in a line's data use moves its next usage notification.
    defer { armUsageAlarms() }
    let body = try answer(endpoint, a)
    return (endpoint.successStatus, body)
  }

  private func answer(_ endpoint: Endpoint, _ a: [String: JSONValue]) throws(SandboxError) -> JSONValue {
    // A switch on strings compares its cases in order: what is polled and what bulk runs call
    // comes first.
    switch endpoint.id {
    case "customer.info": return try customerInfo(a)
    case "subscriber.dataCutoff": return try dataCutoff(a)
    case "subscriber.suspend": return try lifecycle(a, .suspend)
    case "subscriber.restore": return try lifecycle(a, .restore)
    case "product.status": return try purchaseStatus(a)
    case "activation.status": return try activationStatus(a)
    case "account.generateAccessKey":
      return [
        "accountAccessKeyId": .string(nextID("sbx-access-key-")),
        "accountAccessSecreteKey": .string(nextID("sbx-secret-")), "createdDate": .string(clock.now.iso8601),
      ]
    case "network.coverage": return coverage(a)
    case "device.imei": return device(a)
    case "product.fetch": return products(plans: true, services: true, offers: true)
    case "product.plans": return products(plans: true, services: false, offers: false)
    case "product.offers": return products(plans: false, services: false, offers: true)
    case "product.services": return products(plans: false, services: true, offers: false)
    case "product.quote": return try quote(a)
    case "product.purchase": return try purchase(a)
    case "product.subsequent": return try subsequent(a)
    case "card.addLink": return try addCardLink(a)
    case "card.list": return try cardList(a)
    case "card.get": return try card(a["cardId"]).json
    case "card.setDefault": return try setDefaultCard(a)
    case "card.update": return try updateCard(a)
    case "card.delete": return try deleteCard(a)
    case "sim.validateIccid": return validateIccid(a)
    case "activation.submit": return try activate(a)
    case "portin.update": return try updatePortIn(a)
    case "portin.validateMdn": return validateMdn(a)
    case "zip.validate": return validateZip(a)
    case "customer.updateFields": return try updateFields(a)
    case "subscriber.disconnect": return try lifecycle(a, .disconnect)
    case "subscriber.reconnect": return try lifecycle(a, .reconnect)
    case "billing.bills": return try billList(a)
    case "billing.billDetails": return try billDetails(a)
    case "billing.pay": return try payBill(a)
    case "invoice.history": return try invoiceHistory(a)
    case "invoice.link": return try invoiceLink(a)
    case "invoice.email": return try invoiceEmail(a)
    case "mdn.swap": return try swapMdn(a)
    case "mdn.swapStatus": return try mdnSwapStatus(a)
    case "sim.swap": return try swapSim(a)
    case "simSwap.generateOtp": return try generateOtp(a)
    case "simSwap.perform": return try performSimSwap(a)
    case "simSwap.status": return try simSwapStatus(a)
    case "customer.reset": return try reset(a)
    case "customer.resetStatus": return try resetStatus(a)
    case "subscriber.sendSms": return try sendSms(a)
    case "plan.estimateChange": return try estimatePlanChange(a)
    case "plan.change": return try changePlan(a)
    case "plan.changeStatus": return try planChangeStatus(a)
    case "customer.leaving": return try recordLeaving(a)
    case "customer.resetVoicemailPin": return try resetVoicemailPin(a)
    case "customer.swapPrimary": return try swapPrimary(a)
    case "topup.quote": return try topupQuote(a)
    case "topup.purchase": return try purchaseTopup(a)
    case "shipment.order": return try shipmentOrder(a)
    case "shipment.cancel": return try cancelShipment(a)
    case "ild.quote": return try ildQuote(a)
    case "ild.purchase": return try ildPurchase(a)
    case "ild.status": return try ildStatus(a)
    case "ild.usage": return try ildUsage(a)
    case "ild.history": return try ildHistory(a)
    case "roaming.countries": return roamingCountries()
    case "roaming.offerings": return try roamingOfferings(a)
    case "roaming.quote": return try roamingQuote(a)
    case "roaming.purchase": return try roamingPurchase(a)
    case "roaming.packGroup": return try roamingPackGroup(a)
    case "roaming.autoRenew": return try roamingAutoRenew(a)
    case "roaming.usage": return try roamingUsage(a)
    case "usage.summary": return try usageSummary(a)
    default:
      // Unreachable for a catalogue endpoint: each has its case above, and CatalogueCoverageTests
      // calls every one. Only an endpoint added to the catalogue without a case lands here.
      throw SandboxError(
        status: 501, errors: [],
        message: "\(endpoint.id) is not simulated by the sandbox yet; give it a case in SandboxState+Dispatch.swift")
    }
  }
}
