import ReachCatalogue
import ReachEndpoints

/// A group's international long-distance (ILD) credit: what was bought, what the calls cost.
struct SandboxILDAccount: Sendable, Codable {
  var groupId: String
  var balance: Double = 0
  var purchases: [Purchase] = []
  /// Minutes and cost per destination country.
  var destinations: [String: Usage] = [:]
  /// The lines that bought credit, first buyer first: the first one that is active makes the calls.
  var callers: [String] = []
  /// Calls made so far: the next one goes to `SandboxProducts.ildRotation[calls % count]`.
  var calls = 0
  /// When the next call is due; nil once the balance cannot pay a minute (a purchase restarts it).
  var nextCall: SandboxTime?

  struct Purchase: Sendable, Codable {
    var purchaseId: String
    var customerId: String
    var amount: Double
    var total: Double
    var date: String
  }

  struct Usage: Sendable, Codable {
    var minutes = 0
    var cost = 0.0
  }

  /// One call every 6 hours of sandbox time, 10 minutes long (shorter if the balance runs low).
  static let callInterval = Duration.seconds(6 * 3600)
  static let callMinutes = 10

  var bought: Double { SandboxProducts.rounded(purchases.reduce(0) { $0 + $1.amount }) }
  var spent: Double { SandboxProducts.rounded(destinations.values.reduce(0) { $0 + $1.cost }) }
}

/// ILD credits: quote, purchase (charged to a card), balance, usage by destination, history.
/// Usage moves on the clock: see `settleILDCall`.
extension SandboxState {
  /// The amount of an ILD quote or purchase, checked: 1 to 500 USD in whole cents.
  func ildAmount(_ a: [String: JSONValue]) throws(SandboxError) -> Double {
    guard let amount = a["amount"]?.doubleValue, amount >= 1, amount <= 500,
      abs(amount * 100 - (amount * 100).rounded()) < 1e-6
    else {
      throw .badRequest([.init(field: "amount", message: "must be between 1 and 500 (USD), in whole cents")])
    }
    return amount
  }

  func ildQuote(_ a: [String: JSONValue]) throws(SandboxError) -> JSONValue {
    let c = try customer(a["customerId"])
    let amount = try ildAmount(a)
    _ = try activeCustomer(a["customerId"], for: "buy ILD credit")
    let tax = SandboxProducts.rounded(amount * SandboxProducts.taxRate)
    let total = SandboxProducts.rounded(amount + tax)
    quoteBook.remember(QuoteBook.ildKey(c.customerId, amount), customerId: c.customerId, total: total, at: clock.now)
    return ["amount": .double(amount), "tax": .double(tax), "total": .double(total)]
  }

  func ildPurchase(_ a: [String: JSONValue]) throws(SandboxError) -> JSONValue {
    let c = try customer(a["customerId"])
    let amount = try ildAmount(a)
    _ = try activeCustomer(a["customerId"], for: "buy ILD credit")
    let card = try chargeableCard(c, a["ccUUID"])
    let key = QuoteBook.ildKey(c.customerId, amount)
    let quote = try quoteBook.open(key, quoteEndpoint: "ild.quote", at: clock.now)
    try charge(card, amount: amount, description: "ILD credit")
    quoteBook.close(key)
    var account = ildAccounts[c.groupId] ?? SandboxILDAccount(groupId: c.groupId)
    let purchaseId = nextID("ILD")
    account.purchases.append(
      .init(
        purchaseId: purchaseId, customerId: c.customerId, amount: amount, total: quote.total, date: clock.now.iso8601))
    account.balance = SandboxProducts.rounded(account.balance + amount)
    if !account.callers.contains(c.customerId) { account.callers.append(c.customerId) }
    if account.nextCall == nil {
      let due = clock.now.adding(SandboxILDAccount.callInterval)
      account.nextCall = due
      schedule(.ildCall(c.groupId), at: due)
    }
    ildAccounts[c.groupId] = account
    return [
      "purchaseId": .string(purchaseId), "balance": .double(account.balance), "groupId": .string(c.groupId),
      "total": .double(quote.total),
    ]
  }

  func ildAccount(_ a: [String: JSONValue]) throws(SandboxError) -> SandboxILDAccount {
    guard let groupId = a["groupId"]?.stringValue, groupExists(groupId) else {
      throw .notFound("no group with this groupId")
    }
    return ildAccounts[groupId] ?? SandboxILDAccount(groupId: groupId)
  }

  func ildStatus(_ a: [String: JSONValue]) throws(SandboxError) -> JSONValue {
    let account = try ildAccount(a)
    return ["groupId": .string(account.groupId), "balance": .double(account.balance)]
  }

  func ildUsage(_ a: [String: JSONValue]) throws(SandboxError) -> JSONValue {
    let account = try ildAccount(a)
    let destinations: [JSONValue] = account.destinations.sorted { $0.key < $1.key }.map {
      ["country": .string($0.key), "minutes": .int($0.value.minutes), "cost": .double($0.value.cost)]
    }
    return ["groupId": .string(account.groupId), "destinations": .array(destinations)]
  }

  func ildHistory(_ a: [String: JSONValue]) throws(SandboxError) -> JSONValue {
    let c = try customer(a["customerId"])
    let mine = (ildAccounts[c.groupId]?.purchases ?? []).filter { $0.customerId == c.customerId }
    let list: [JSONValue] = mine.map {
      [
        "purchaseId": .string($0.purchaseId), "amount": .double($0.amount), "total": .double($0.total),
        "date": .string($0.date),
      ]
    }
    return ["customerId": .string(c.customerId), "purchases": .array(list)]
  }

  /// The group's next ILD call, at the time it was due: the first buyer line that is ACTIVE calls
  /// the next destination of the rotation for 10 minutes (fewer if the balance cannot pay 10) at
  /// its `pricePerMinute`. No line active: no call, the next one is tried 6 hours later. The
  /// calls stop when the balance cannot pay one minute; a purchase starts them again.
  func settleILDCall(_ groupId: String, at now: SandboxTime) {
    guard var account = ildAccounts[groupId], let due = account.nextCall, due <= now else { return }
    account.nextCall = nil
    let rotation = SandboxProducts.ildRotation
    let destination = rotation[account.calls % rotation.count]
    let rate = SandboxProducts.country(destination)?.pricePerMinute ?? 1
    let minutes = min(SandboxILDAccount.callMinutes, Int((account.balance / rate + 1e-9).rounded(.down)))
    guard minutes > 0 else {
      ildAccounts[groupId] = account
      return
    }
    if account.callers.contains(where: { customers[$0]?.status == .active }) {
      let cost = SandboxProducts.rounded(Double(minutes) * rate)
      account.balance = SandboxProducts.rounded(account.balance - cost)
      account.destinations[destination, default: .init()].minutes += minutes
      account.destinations[destination, default: .init()].cost = SandboxProducts.rounded(
        account.destinations[destination, default: .init()].cost + cost)
      account.calls += 1
    }
    let next = due.adding(SandboxILDAccount.callInterval)
    account.nextCall = next
    schedule(.ildCall(groupId), at: next)
    ildAccounts[groupId] = account
  }
}
