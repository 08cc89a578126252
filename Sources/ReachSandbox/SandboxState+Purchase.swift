import ReachCatalogue
import ReachEndpoints

/// Scenario A and B: quotes, purchases, their status, the hosted payment page.
extension SandboxState {
  func quote(_ a: ProductQuoteEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    if a.purchaseType == "TOPUP" { return try topupSubsequentQuote(a) }
    let plan = try plan(a.planId)
    if let customerId = a.customerId { _ = try customer(customerId) }
    let lines = a.lines ?? 1
    let simKit = a.simType == "ESIM" ? 0.0 : 5.0 * Double(lines)
    let activation = 10.0 * Double(lines)
    let shipment = a.shippingServiceCode.flatMap(SandboxProducts.service)?.price ?? 0
    let oneTimeTax = SandboxProducts.rounded((simKit + activation + shipment) * SandboxProducts.taxRate)
    let discount =
      a.couponCode.flatMap { c in SandboxProducts.offers.first { $0.couponCode == c } }?.discount ?? 0
    let planCost = plan.baseLinePrice * Double(lines)
    let monthlyTax = SandboxProducts.rounded(planCost * SandboxProducts.taxRate)
    return [
      "quoteId": .string(nextID("QUOTE")),
      "oneTimeCharge": [
        "simKitCost": .double(simKit), "activationCost": .double(activation), "shipment": .double(shipment),
        "tax": .double(oneTimeTax),
        "totalOneTimeCost": .double(SandboxProducts.rounded(simKit + activation + shipment + oneTimeTax - discount)),
      ],
      "estimatedMonthlyCost": [
        "planCost": .double(planCost), "tax": .double(monthlyTax),
        "total": .double(SandboxProducts.rounded(planCost + monthlyTax)),
      ],
    ]
  }

  func purchase(_ a: ProductPurchaseEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    let plan = try plan(a.planId)
    let lines = a.lines ?? 1
    guard lines <= plan.maxLines else {
      throw .badRequest([.init(field: "lines", message: "exceeds the plan's maxLines (\(plan.maxLines))")])
    }
    let clientAccountId = a.clientAccountId
    if purchaseBook.hasOpenNewPurchase(clientAccountId, at: clock.now) {
      throw .conflict("a purchase with this clientAccountId already exists")
    }
    let purchase = SandboxPurchase(
      transactionId: nextID("TXN"), clientAccountId: clientAccountId, customerId: nil, purchaseType: "NEW",
      planId: plan.serviceCode, simType: a.simType, lines: lines,
      zip: a.zip, redirectUrl: a.redirectUrl,
      person: .init(
        firstName: a.firstName, lastName: a.lastName, email: a.email),
      portIn: a.numberToPort.map { .init(numberToPort: $0, password: a.password) },
      createdAt: clock.now, shippingServiceCode: a.shippingServiceCode)
    purchaseBook.addNew(purchase)
    return ["transactionId": .string(purchase.transactionId), "status": .string(PurchaseState.orderReceived.rawValue)]
  }

  func subsequent(_ a: ProductSubsequentEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    let purchaseType = a.purchaseType ?? "RENEWAL"
    let customer: SandboxCustomer
    let code: String
    if purchaseType == "TOPUP" {
      customer = try toppableLine(a.customerId)
      code = try TopupBook.pack(a.planId, field: "planId").serviceCode
    } else {
      customer = try self.customer(a.customerId)
      code = try plan(a.planId).serviceCode
    }
    var purchase = SandboxPurchase(
      transactionId: nextID("TXN"), clientAccountId: customer.clientAccountId, customerId: customer.customerId,
      purchaseType: purchaseType, planId: code, simType: customer.simType,
      lines: purchaseType == "TOPUP" ? 1 : a.lines ?? 1, zip: customer.zip,
      redirectUrl: a.redirectUrl, person: .init(), portIn: nil, createdAt: clock.now)
    if let ccUUID = a.ccUUID {
      let card = try card(ccUUID)
      guard card.customerId == customer.customerId else { throw .notFound("no card with this id for the customer") }
      purchase.paidAt = clock.now
      purchase.cardUUID = card.uuid
      // A top-up charges the card (assumption: the guide says nothing of a declined card on file);
      // the magic declining card fails it, as on the hosted page.
      if purchaseType == "TOPUP" { purchase.declined = card.declines == true }
      schedule(.purchase(purchase.transactionId), at: clock.now.adding(SandboxPurchase.processingDelay))
    }
    purchaseBook.store(purchase)
    return ["transactionId": .string(purchase.transactionId), "status": .string(PurchaseState.orderReceived.rawValue)]
  }

  func purchaseStatus(_ a: ProductStatusEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    let purchase = try purchase(a.transactionId)
    let state = purchase.state(at: clock.now)
    var body: [String: JSONValue] = [
      "transactionId": .string(purchase.transactionId), "status": .string(state.rawValue),
      "purchaseType": .string(purchase.purchaseType),
    ]
    switch state {
    case .orderReceived: body["paymentStatus"] = "NOT_STARTED"
    case .paymentPending:
      body["paymentStatus"] = "AWAITING_CUSTOMER"
      body["link"] = ["url": .string(paymentURL(purchase)), "expireDate": .string(purchase.linkExpiry.iso8601)]
    case .paymentProcessing: body["paymentStatus"] = "AUTHORIZING"
    case .completed:
      body["paymentStatus"] = "CAPTURED"
      body["customerId"] = purchase.customerId.map(JSONValue.string) ?? .null
      body["clientAccountId"] = purchase.clientAccountId.map(JSONValue.string) ?? .null
      body["simType"] = .string(purchase.simType)
      body["shipmentStatus"] = .string(shipmentStatus(purchase.shipmentOrderId))
    case .failed:
      body["paymentStatus"] = "DECLINED"
      body["paymentStatusDesc"] = .string(Self.declinedMessage)
    case .expired:
      body["paymentStatus"] = "NOT_STARTED"
    }
    return .object(body)
  }

  func paymentURL(_ purchase: SandboxPurchase) -> String {
    "\(baseURL)/__sandbox/pay/\(purchase.transactionId)"
  }

  /// What the hosted page shows; nil for an unknown transaction.
  func paymentPage(_ transactionId: String) throws(SandboxError) -> (SandboxPurchase, PurchaseState) {
    let purchase = try purchase(transactionId)
    return (purchase, purchase.state(at: clock.now))
  }

  /// The customer pays on the hosted page: the redirect target, `{redirectUrl}?transId=…`.
  func pay(_ transactionId: String, cardNumber: String?) throws(SandboxError) -> String {
    var purchase = try purchase(transactionId)
    guard purchase.state(at: clock.now) == .paymentPending else {
      throw .conflict("this payment link is not awaiting payment (\(purchase.state(at: clock.now).rawValue))")
    }
    let card = cardNumber.flatMap { $0.isEmpty ? nil : $0 } ?? MagicValues.defaultCard
    purchase.paidAt = clock.now
    purchase.cardNumber = card
    purchase.declined = card == MagicValues.decliningCard || purchase.zip == MagicValues.decliningZip
    purchaseBook.store(purchase)
    schedule(.purchase(transactionId), at: clock.now.adding(SandboxPurchase.processingDelay))
    let target = purchase.redirectUrl ?? "\(baseURL)/__sandbox/paid"
    return target + (target.contains("?") ? "&" : "?") + "transId=" + transactionId
  }

  func purchase(_ id: String) throws(SandboxError) -> SandboxPurchase {
    guard let purchase = purchaseBook[id] else {
      throw .notFound("no transaction with this transactionId")
    }
    return purchase
  }

  func plan(_ code: String) throws(SandboxError) -> SandboxPlan {
    guard let plan = SandboxProducts.plan(code) else {
      throw .badRequest([.init(field: "planId", message: "is not a plan's serviceCode (see product.plans)")])
    }
    return plan
  }

  static let declinedMessage = "Your card was declined. Please use another card and place the order again."

  /// A declined purchase changes nothing but still sends its callback, with status FAILED.
  func fail(_ purchase: SandboxPurchase) {
    let type: CallbackType = purchase.purchaseType == "NEW" ? .productPurchase : .purchaseSubsequent
    var callback: [String: JSONValue] = [
      "type": .string(type.rawValue), "transactionId": .string(purchase.transactionId),
      "status": .string(PurchaseState.failed.rawValue), "paymentStatusDesc": .string(Self.declinedMessage),
    ]
    callback["customerId"] = purchase.customerId.map(JSONValue.string)
    callback["clientAccountId"] = purchase.clientAccountId.map(JSONValue.string)
    outbox.append(.object(callback))
  }

  /// A completed purchase creates its lines (new) or changes the account (subsequent).
  func complete(_ purchase: inout SandboxPurchase, at now: SandboxTime) {
    let plan = SandboxProducts.plan(purchase.planId)
    if purchase.purchaseType == "NEW" {
      let groupId = nextID("GRP")
      var lines: [String] = []
      for index in 0..<purchase.lines {
        let id = nextID("CUST")
        lines.append(id)
        lineBook.add(
          SandboxCustomer(
            customerId: id, clientAccountId: purchase.clientAccountId, groupId: groupId, isPrimary: index == 0,
            firstName: purchase.person.firstName, lastName: purchase.person.lastName, email: purchase.person.email,
            zip: purchase.zip, planId: purchase.planId, simType: purchase.simType,
            portIn: index == 0 ? purchase.portIn : nil))
      }
      purchase.customerId = lines.first
      if let first = lines.first, let port = purchase.portIn { startPortIn(first, port, at: now) }
      if purchase.simType == "PSIM" {
        purchase.shipmentOrderId = orderShipment(for: lines, purchase: purchase, at: now)
      }
    } else if let id = purchase.customerId, purchase.purchaseType == "TOPUP" {
      completeTopup(purchase, customerId: id, at: now)
    } else if let id = purchase.customerId, purchase.purchaseType == "ADD_LINE", let owner = lineBook[id] {
      var lines: [String] = []
      for _ in 0..<purchase.lines {
        let line = nextID("CUST")
        lines.append(line)
        lineBook.add(
          SandboxCustomer(
            customerId: line, clientAccountId: owner.clientAccountId, groupId: owner.groupId, isPrimary: false,
            firstName: owner.firstName, lastName: owner.lastName, email: owner.email, zip: owner.zip,
            planId: purchase.planId, simType: owner.simType))
      }
      if owner.simType == "PSIM" { purchase.shipmentOrderId = orderShipment(for: lines, purchase: purchase, at: now) }
    }
    guard let customerId = purchase.customerId else { return }
    let type: CallbackType = purchase.purchaseType == "NEW" ? .productPurchase : .purchaseSubsequent
    outbox.append([
      "type": .string(type.rawValue), "transactionId": .string(purchase.transactionId),
      "customerId": .string(customerId), "status": .string(PurchaseState.completed.rawValue),
    ])
    if let number = purchase.cardNumber, !cardBook.hasCard(customerId) {
      addCard(customerId: customerId, number: number, at: now)
    }
    guard purchase.purchaseType != "TOPUP" else { return }
    let amount = (plan?.baseLinePrice ?? 0) * Double(purchase.lines)
    addBill(customerId: customerId, amount: amount, description: plan?.name ?? purchase.planId, at: now)
  }
}
