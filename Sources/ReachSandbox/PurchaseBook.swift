import ReachCatalogue

/// Purchases (Scenarios A and B, top-ups): one part of `SandboxState`, owning the purchase table
/// and the index of each clientAccountId's new purchases for the duplicate check. Paying,
/// settling and completing a purchase touch lines, cards and bills, so they stay on the actor.
struct PurchaseBook: Sendable {
  /// Purchases by transactionId (their rows in the state file).
  private(set) var purchases = TrackedTable<SandboxPurchase>()
  /// The new-purchase transactions of each clientAccountId, oldest first.
  private var newByAccount: [String: [String]] = [:]

  init() {}

  /// The book a state file's purchases imply, the index rebuilt in creation order.
  init(purchases: TrackedTable<SandboxPurchase>) {
    self.purchases = purchases
    for purchase in Self.inCreationOrder(purchases) {
      if purchase.purchaseType == "NEW", let account = purchase.clientAccountId {
        newByAccount[account, default: []].append(purchase.transactionId)
      }
    }
  }

  /// Purchases oldest first (ids carry the sandbox-wide sequence number).
  static func inCreationOrder(_ purchases: TrackedTable<SandboxPurchase>) -> [SandboxPurchase] {
    purchases.values.sorted { SandboxRestored.order($0.transactionId) < SandboxRestored.order($1.transactionId) }
  }

  /// Turns change tracking on or off (on with a state file).
  mutating func track(_ on: Bool) { purchases.tracking = on }

  /// Once the changes are saved.
  mutating func forgetChanges() { purchases.forgetChanges() }

  subscript(transactionId: String) -> SandboxPurchase? { purchases[transactionId] }

  /// Whether `clientAccountId` has a new purchase that has neither failed nor expired by `now`.
  func hasOpenNewPurchase(_ clientAccountId: String, at now: SandboxTime) -> Bool {
    (newByAccount[clientAccountId] ?? []).contains { id in
      let state = purchases[id]?.state(at: now)
      return state != .failed && state != .expired
    }
  }

  /// Files a new purchase of a new customer (`purchaseType` NEW), indexed by its clientAccountId.
  mutating func addNew(_ purchase: SandboxPurchase) {
    purchases[purchase.transactionId] = purchase
    if let account = purchase.clientAccountId {
      newByAccount[account, default: []].append(purchase.transactionId)
    }
  }

  /// Stores a purchase as it is now (a subsequent one, or a new state of one filed before).
  mutating func store(_ purchase: SandboxPurchase) { purchases[purchase.transactionId] = purchase }
}
