import ReachCatalogue
import ReachEndpoints

extension SandboxState {
  /// Scenario B step 3 for a top-up: `product.quote` with `purchaseType: TOPUP`, the line's
  /// `customerId` and the pack's `serviceCode` as `planId` (assumption: the guide prices a top-up
  /// with "the quote endpoint" and says `serviceCode` is the `planId` of later calls, 3.A step 3,
  /// but shows no body). Due today: the pack and its tax; monthly: the line's plan, unchanged.
  func topupSubsequentQuote(_ a: ProductQuoteEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    guard let customerId = a.customerId else {
      throw .badRequest([.init(field: "customerId", message: "is required for a TOPUP quote (the line to top up)")])
    }
    let c = try toppableLine(customerId)
    let pack = try TopupBook.pack(a.planId, field: "planId")
    let price = TopupBook.price(pack)
    let planCost = SandboxProducts.plan(c.planId)?.baseLinePrice ?? 0
    let monthlyTax = SandboxProducts.rounded(planCost * SandboxProducts.taxRate)
    return [
      "quoteId": .string(nextID("QUOTE")),
      "oneTimeCharge": [
        "simKitCost": .double(0), "activationCost": .double(0), "shipment": .double(0), "tax": .double(price.tax),
        "totalOneTimeCost": .double(price.total),
      ],
      "estimatedMonthlyCost": [
        "planCost": .double(planCost), "tax": .double(monthlyTax),
        "total": .double(SandboxProducts.rounded(planCost + monthlyTax)),
      ],
    ]
  }

  /// A `product.subsequent` top-up completes: the data is added to the line and the charge is a
  /// paid bill of the quoted total (the pack and its tax).
  func completeTopup(_ purchase: SandboxPurchase, customerId: String, at now: SandboxTime) {
    guard let c = lineBook[customerId], let pack = SandboxProducts.service(purchase.planId) else { return }
    let price = TopupBook.price(pack)
    topupBook.file(
      SandboxTopup(
        transactionId: purchase.transactionId, customerId: customerId, topupCode: pack.serviceCode, dataGB: pack.dataGB,
        total: price.total, cardUUID: purchase.cardUUID ?? "", date: now.iso8601))
    // The data used so far counts against the allowance without this top-up.
    meterData(customerId, to: now)
    lineBook[customerId]?.topupGB = (c.topupGB ?? 0) + pack.dataGB
    let bill = SandboxBill(
      billId: nextID("BILL"), invoiceId: nextID("INV"), customerId: customerId, amount: price.total, issued: now,
      dueDate: now.date, status: "PAID",
      items: [
        .init(description: pack.name, amount: price.amount), .init(description: "Taxes and fees", amount: price.tax),
      ])
    billing.file(bill)
  }

  /// A line that can take a top-up: ACTIVE, on a plan with a data cap.
  func toppableLine(_ id: String) throws(SandboxError) -> SandboxCustomer {
    let c = try activeCustomer(id, for: "top up data")
    guard c.dataAllowanceGB > 0 else {
      throw .conflict("the line's plan (\(c.planId)) has unlimited data: there is nothing to top up")
    }
    return c
  }

  func topupQuote(_ a: TopupQuoteEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    let c = try toppableLine(a.customerId)
    let pack = try TopupBook.pack(a.topupCode)
    let price = TopupBook.price(pack)
    quoteBook.remember(
      QuoteBook.topupKey(c.customerId, pack.serviceCode), customerId: c.customerId, total: price.total, at: clock.now)
    return [
      "topupCode": .string(pack.serviceCode), "dataGB": .double(pack.dataGB), "amount": .double(price.amount),
      "tax": .double(price.tax), "total": .double(price.total),
    ]
  }

  /// Follows an open quote of the same pack (409 without one: a retried purchase does not charge
  /// twice); charges the card (a paid bill, or 400 on `ccUUID` when it declines), adds the data;
  /// `product.status` reports the transaction COMPLETED (purchaseType TOPUP).
  func purchaseTopup(_ a: TopupPurchaseEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    let c = try toppableLine(a.customerId)
    let pack = try TopupBook.pack(a.topupCode)
    let key = QuoteBook.topupKey(c.customerId, pack.serviceCode)
    _ = try quoteBook.open(key, quoteEndpoint: "topup.quote", at: clock.now)
    let card = try chargeableCard(c, a.ccUUID)
    let price = TopupBook.price(pack)
    try charge(card, amount: pack.price, description: pack.name)
    quoteBook.close(key)
    let now = clock.now
    let topup = SandboxTopup(
      transactionId: nextID("TXN"), customerId: c.customerId, topupCode: pack.serviceCode, dataGB: pack.dataGB,
      total: price.total, cardUUID: card.uuid, date: now.iso8601)
    topupBook.file(topup)
    // The data used so far counts against the allowance without this top-up.
    meterData(c.customerId, to: clock.now)
    lineBook[c.customerId]?.topupGB = (c.topupGB ?? 0) + pack.dataGB
    // Paid on the spot: the transaction is COMPLETED as soon as it exists (dated a second before
    // its processing delay, so rounding cannot show it PAYMENT_PROCESSING).
    let paid = now.adding(.zero - SandboxPurchase.processingDelay - .seconds(1))
    var purchase = SandboxPurchase(
      transactionId: topup.transactionId, clientAccountId: c.clientAccountId, customerId: c.customerId,
      purchaseType: "TOPUP", planId: c.planId, simType: c.simType, lines: 1, zip: c.zip, redirectUrl: nil,
      person: .init(), portIn: nil, createdAt: paid)
    purchase.paidAt = paid
    purchase.settled = true
    purchaseBook.store(purchase)
    let allowance = (lineBook[c.customerId] ?? c).dataAllowanceGB
    return [
      "transactionId": .string(topup.transactionId), "status": .string(PurchaseState.completed.rawValue),
      "dataGB": .double(pack.dataGB), "total": .double(price.total), "dataAllowanceGB": .double(allowance),
    ]
  }
}
