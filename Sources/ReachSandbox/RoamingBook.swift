/// Scenario J's IR packs bought: one part of `SandboxState`, owning the pack purchases and each
/// customer's list of them. Quotes are a `QuoteBook`: ILD credit and top-ups share them. What
/// moves packs on the clock (slices, renewals) needs lines and cards, so it stays there too.
struct RoamingBook: Sendable {
  /// IR packs bought, by purchaseId (their rows in the state file).
  private(set) var purchases = TrackedTable<SandboxIRPurchase>()
  /// Each customer's packs, oldest first.
  private var byCustomer: [String: [String]] = [:]

  init() {}

  /// The book a state file's packs imply, the index rebuilt in creation order.
  init(purchases: TrackedTable<SandboxIRPurchase>) {
    self.purchases = purchases
    for purchase in Self.inCreationOrder(purchases) {
      byCustomer[purchase.customerId, default: []].append(purchase.purchaseId)
    }
  }

  /// Packs oldest first (ids carry the sandbox-wide sequence number).
  static func inCreationOrder(_ purchases: TrackedTable<SandboxIRPurchase>) -> [SandboxIRPurchase] {
    purchases.values.sorted { SandboxRestored.order($0.purchaseId) < SandboxRestored.order($1.purchaseId) }
  }

  /// Turns change tracking on or off (on with a state file).
  mutating func track(_ on: Bool) { purchases.tracking = on }

  /// Once the changes are saved.
  mutating func forgetChanges() { purchases.forgetChanges() }

  subscript(purchaseId: String) -> SandboxIRPurchase? { purchases[purchaseId] }

  /// The customer's packs, oldest first.
  func purchases(of customerId: String) -> [SandboxIRPurchase] {
    (byCustomer[customerId] ?? []).compactMap { purchases[$0] }
  }

  /// The customer's latest pack `packId`, live or not.
  func latest(of customerId: String, packId: String) -> SandboxIRPurchase? {
    purchases(of: customerId).last { $0.packId == packId }
  }

  /// The customer's latest pack `packId` still scheduled or active: buying it again is refused.
  func live(of customerId: String, packId: String) -> SandboxIRPurchase? {
    purchases(of: customerId).last { $0.packId == packId && $0.live }
  }

  /// Every pack whose customer `belongs` says, oldest first.
  func purchases(where belongs: (String) -> Bool) -> [SandboxIRPurchase] {
    Self.inCreationOrder(purchases).filter { belongs($0.customerId) }
  }

  /// Files a new pack, last of its customer's.
  mutating func add(_ purchase: SandboxIRPurchase) {
    purchases[purchase.purchaseId] = purchase
    byCustomer[purchase.customerId, default: []].append(purchase.purchaseId)
  }

  /// Stores a pack's new state.
  mutating func update(_ purchase: SandboxIRPurchase) { purchases[purchase.purchaseId] = purchase }
}
