import ReachCatalogue
import ReachEndpoints

/// ILD credits: quote, purchase (charged to a card), balance, usage by destination, history.
/// Usage moves on the clock: see `settleILDCall`.
extension SandboxState {
  func ildQuote(_ a: IldQuoteEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    let c = try customer(a.customerId)
    let amount = try ILDBook.amount(a.amount)
    _ = try activeCustomer(a.customerId, for: "buy ILD credit")
    let tax = SandboxProducts.rounded(amount * SandboxProducts.taxRate)
    let total = SandboxProducts.rounded(amount + tax)
    quoteBook.remember(QuoteBook.ildKey(c.customerId, amount), customerId: c.customerId, total: total, at: clock.now)
    return ["amount": .double(amount), "tax": .double(tax), "total": .double(total)]
  }

  func ildPurchase(_ a: IldPurchaseEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    let c = try customer(a.customerId)
    let amount = try ILDBook.amount(a.amount)
    _ = try activeCustomer(a.customerId, for: "buy ILD credit")
    let card = try chargeableCard(c, a.ccUUID)
    let key = QuoteBook.ildKey(c.customerId, amount)
    let quote = try quoteBook.open(key, quoteEndpoint: "ild.quote", at: clock.now)
    try charge(card, amount: amount, description: "ILD credit")
    quoteBook.close(key)
    let purchaseId = nextID("ILD")
    let (account, firstCall) = ildBook.credit(
      .init(
        purchaseId: purchaseId, customerId: c.customerId, amount: amount, total: quote.total, date: clock.now.iso8601),
      to: c.groupId, at: clock.now)
    if let firstCall { schedule(.ildCall(c.groupId), at: firstCall) }
    return [
      "purchaseId": .string(purchaseId), "balance": .double(account.balance), "groupId": .string(c.groupId),
      "total": .double(quote.total),
    ]
  }

  func ildAccount(_ groupId: String) throws(SandboxError) -> SandboxILDAccount {
    guard groupExists(groupId) else {
      throw .notFound("no group with this groupId")
    }
    return ildBook.account(of: groupId)
  }

  func ildStatus(_ a: IldStatusEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    let account = try ildAccount(a.groupId)
    return ["groupId": .string(account.groupId), "balance": .double(account.balance)]
  }

  func ildUsage(_ a: IldUsageEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    let account = try ildAccount(a.groupId)
    let destinations: [JSONValue] = account.destinations.sorted { $0.key < $1.key }.map {
      ["country": .string($0.key), "minutes": .int($0.value.minutes), "cost": .double($0.value.cost)]
    }
    return ["groupId": .string(account.groupId), "destinations": .array(destinations)]
  }

  func ildHistory(_ a: IldHistoryEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    let c = try customer(a.customerId)
    let mine = (ildBook[c.groupId]?.purchases ?? []).filter { $0.customerId == c.customerId }
    let list: [JSONValue] = mine.map {
      [
        "purchaseId": .string($0.purchaseId), "amount": .double($0.amount), "total": .double($0.total),
        "date": .string($0.date),
      ]
    }
    return ["customerId": .string(c.customerId), "purchases": .array(list)]
  }

  /// The group's next ILD call, at the time it was due (see `ILDBook.placeCall`); the next one
  /// scheduled.
  func settleILDCall(_ groupId: String, at now: SandboxTime) {
    let next = ildBook.placeCall(groupId, at: now) { lineBook[$0]?.status == .active }
    if let next { schedule(.ildCall(groupId), at: next) }
  }
}
