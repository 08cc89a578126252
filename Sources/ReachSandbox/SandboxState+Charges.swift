import ReachCatalogue
import ReachEndpoints

/// A price given by a quote endpoint, which the purchase with the same body must follow.
struct SandboxQuote: Sendable, Codable {
  var customerId: String
  var total: Double
  var expiry: SandboxTime

  static let validity = Duration.seconds(30 * 60)
}

/// Purchases paid by a card on file (ILD credit, IR packs): quotes, charges, paid bills.
extension SandboxState {
  /// Remembers a quote for `key` (what it prices, for whom), replacing an earlier one.
  func rememberQuote(_ key: String, customerId: String, total: Double) {
    quotes[key] = SandboxQuote(customerId: customerId, total: total, expiry: clock.now.adding(SandboxQuote.validity))
  }

  /// The open quote for `key`, or 409 naming the quote endpoint to call first. The purchase that
  /// follows it removes it (`quotes[key] = nil`) once paid.
  func openQuote(_ key: String, quoteEndpoint: String) throws(SandboxError) -> SandboxQuote {
    guard let quote = quotes[key], clock.now < quote.expiry else {
      throw .conflict(
        "no open quote for this purchase: call \(quoteEndpoint) with the same body first (a quote is valid for"
          + " 30 minutes and buys once; if a purchase just timed out, check whether it went through)")
    }
    return quote
  }

  /// The card to charge: the one named (which must be the customer's), else the default card.
  func chargeableCard(_ c: SandboxCustomer, _ id: JSONValue?) throws(SandboxError) -> SandboxCard {
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
