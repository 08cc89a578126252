import ReachCatalogue
import ReachEndpoints

/// A data pack bought for a line (Scenario B): quoted, then charged at once to a card on file,
/// added to the line's data allowance for good (top-ups do not expire in the sandbox).
struct SandboxTopup: Sendable, Codable {
  var transactionId: String
  var customerId: String
  var topupCode: String
  var dataGB: Double
  var total: Double
  var cardUUID: String
  var date: String
}

/// Scenario B's top-ups bought: one part of `SandboxState`, owning the top-up table and the rules
/// that need only packs: which services are top-up packs and what one costs with its tax.
/// Adding the data to a line and charging a card touch lines, cards and bills, so they stay on
/// the actor.
struct TopupBook: Sendable {
  /// Top-ups by transactionId (their rows in the state file).
  private(set) var topups = TrackedTable<SandboxTopup>()

  init() {}

  init(topups: TrackedTable<SandboxTopup>) { self.topups = topups }

  /// Turns change tracking on or off (on with a state file).
  mutating func track(_ on: Bool) { topups.tracking = on }

  /// Once the changes are saved.
  mutating func forgetChanges() { topups.forgetChanges() }

  subscript(transactionId: String) -> SandboxTopup? { topups[transactionId] }

  /// Files a top-up bought.
  mutating func file(_ topup: SandboxTopup) { topups[topup.transactionId] = topup }

  /// The TOPUP service `code` names, or 400 on `field` listing the packs.
  static func pack(_ code: String, field: String = "topupCode") throws(SandboxError) -> SandboxService {
    guard let pack = SandboxProducts.service(code), pack.type == "TOPUP" else {
      let packs = SandboxProducts.services.filter { $0.type == "TOPUP" }.map(\.serviceCode).joined(separator: ", ")
      throw .badRequest([
        ArgumentIssue(field: field, message: "is not a TOPUP service's serviceCode (\(packs); see product.services)")
      ])
    }
    return pack
  }

  /// What one pack costs: its price, the tax on it, and both.
  static func price(_ pack: SandboxService) -> (amount: Double, tax: Double, total: Double) {
    let tax = SandboxProducts.rounded(pack.price * SandboxProducts.taxRate)
    return (pack.price, tax, SandboxProducts.rounded(pack.price + tax))
  }
}
