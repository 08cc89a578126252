import ReachCatalogue
import ReachEndpoints

/// Purchases paid by a card on file (ILD credit, IR packs): the card to charge, paid bills. Their
/// quotes are a `QuoteBook`.
extension SandboxState {
  /// The card to charge: the one named (which must be the customer's), else the default card.
  func chargeableCard(_ c: SandboxCustomer, _ id: String?) throws(SandboxError) -> SandboxCard {
    if let id {
      let card = try card(id)
      guard card.customerId == c.customerId else { throw .notFound("no card with this id for the customer") }
      return card
    }
    guard let card = cardBook.defaultCard(of: c.customerId) else {
      throw .conflict("the customer has no card on file: add one (card.addLink) or name one in ccUUID")
    }
    return card
  }

  /// Charges `amount` plus tax to `card`: a paid bill, or 400 on `ccUUID` when the card declines.
  @discardableResult
  func charge(
    _ card: SandboxCard, amount: Double, description: String, at time: SandboxTime? = nil
  ) throws(SandboxError) -> SandboxBill {
    guard card.declines != true else {
      throw .badRequest([.init(field: "ccUUID", message: "the card was declined; use another card")])
    }
    let tax = SandboxProducts.rounded(amount * SandboxProducts.taxRate)
    let now = time ?? clock.now
    let bill = SandboxBill(
      billId: nextID("BILL"), invoiceId: nextID("INV"), customerId: card.customerId,
      amount: SandboxProducts.rounded(amount + tax), issued: now, dueDate: now.date, status: "PAID",
      items: [.init(description: description, amount: amount), .init(description: "Taxes and fees", amount: tax)])
    billing.file(bill)
    return bill
  }
}
