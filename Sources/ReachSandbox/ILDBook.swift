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

/// ILD credits per group: one part of `SandboxState`, owning the account table and the rules
/// that need only accounts: the amount a quote or purchase may name, crediting a purchase, and
/// the calls that spend the balance on the clock. Which line is active, and charging its card,
/// are the actor's.
struct ILDBook: Sendable {
  /// Accounts by groupId (their rows in the state file).
  private(set) var accounts = TrackedTable<SandboxILDAccount>()

  init() {}

  init(accounts: TrackedTable<SandboxILDAccount>) { self.accounts = accounts }

  /// Turns change tracking on or off (on with a state file).
  mutating func track(_ on: Bool) { accounts.tracking = on }

  /// Once the changes are saved.
  mutating func forgetChanges() { accounts.forgetChanges() }

  subscript(groupId: String) -> SandboxILDAccount? { accounts[groupId] }

  /// The group's account, empty if it never bought credit.
  func account(of groupId: String) -> SandboxILDAccount {
    accounts[groupId] ?? SandboxILDAccount(groupId: groupId)
  }

  /// The amount of an ILD quote or purchase, checked: 1 to 500 USD in whole cents.
  static func amount(_ amount: Double) throws(SandboxError) -> Double {
    guard amount >= 1, amount <= 500,
      abs(amount * 100 - (amount * 100).rounded()) < 1e-6
    else {
      throw .badRequest([.init(field: "amount", message: "must be between 1 and 500 (USD), in whole cents")])
    }
    return amount
  }

  /// Credits `purchase` to `groupId`'s balance, its buyer last of the callers. Returns the account
  /// as it is now, and when its first call falls due if the calls were stopped (the caller
  /// schedules it).
  mutating func credit(
    _ purchase: SandboxILDAccount.Purchase, to groupId: String, at now: SandboxTime
  ) -> (account: SandboxILDAccount, firstCall: SandboxTime?) {
    var account = account(of: groupId)
    account.purchases.append(purchase)
    account.balance = SandboxProducts.rounded(account.balance + purchase.amount)
    if !account.callers.contains(purchase.customerId) { account.callers.append(purchase.customerId) }
    var firstCall: SandboxTime?
    if account.nextCall == nil {
      let due = now.adding(SandboxILDAccount.callInterval)
      account.nextCall = due
      firstCall = due
    }
    accounts[groupId] = account
    return (account, firstCall)
  }

  /// The group's next ILD call, at the time it was due: the first buyer line that is ACTIVE calls
  /// the next destination of the rotation for 10 minutes (fewer if the balance cannot pay 10) at
  /// its `pricePerMinute`. No line active: no call, the next one is tried 6 hours later. The
  /// calls stop when the balance cannot pay one minute; a purchase starts them again.
  ///
  /// - Parameter isActive: Whether a line is ACTIVE now.
  /// - Returns: When the next call falls due (the caller schedules it); nil when the calls stop.
  mutating func placeCall(
    _ groupId: String, at now: SandboxTime, isActive: (String) -> Bool
  ) -> SandboxTime? {
    guard var account = accounts[groupId], let due = account.nextCall, due <= now else { return nil }
    account.nextCall = nil
    let rotation = SandboxProducts.ildRotation
    let destination = rotation[account.calls % rotation.count]
    let rate = SandboxProducts.country(destination)?.pricePerMinute ?? 1
    let minutes = min(SandboxILDAccount.callMinutes, Int((account.balance / rate + 1e-9).rounded(.down)))
    guard minutes > 0 else {
      accounts[groupId] = account
      return nil
    }
    if account.callers.contains(where: isActive) {
      let cost = SandboxProducts.rounded(Double(minutes) * rate)
      account.balance = SandboxProducts.rounded(account.balance - cost)
      account.destinations[destination, default: .init()].minutes += minutes
      account.destinations[destination, default: .init()].cost = SandboxProducts.rounded(
        account.destinations[destination, default: .init()].cost + cost)
      account.calls += 1
    }
    let next = due.adding(SandboxILDAccount.callInterval)
    account.nextCall = next
    accounts[groupId] = account
    return next
  }
}
