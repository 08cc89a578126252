/// A price given by a quote endpoint, which the purchase with the same body must follow.
struct SandboxQuote: Sendable, Codable {
  var customerId: String
  var total: Double
  var expiry: SandboxTime

  static let validity = Duration.seconds(30 * 60)
}

/// The open quotes of ILD credit, top-ups and IR packs: one part of `SandboxState`, owning the
/// quote table and its rule: a purchase follows an open quote of the same body, valid for 30
/// minutes, and buys once (assumption: the guide gives a quote no validity). Checking the card and
/// charging it touch lines, cards and bills, so they stay on the actor.
struct QuoteBook: Sendable {
  /// Quotes by what they price (their rows in the state file; the keys are the row ids).
  private(set) var quotes = TrackedTable<SandboxQuote>()

  init() {}

  init(quotes: TrackedTable<SandboxQuote>) { self.quotes = quotes }

  /// Turns change tracking on or off (on with a state file).
  mutating func track(_ on: Bool) { quotes.tracking = on }

  /// Once the changes are saved.
  mutating func forgetChanges() { quotes.forgetChanges() }

  subscript(key: String) -> SandboxQuote? { quotes[key] }

  /// What an ILD quote prices: an amount of credit for one line.
  static func ildKey(_ customerId: String, _ amount: Double) -> String {
    "ild|\(customerId)|\(Int((amount * 100).rounded()))"
  }

  /// What a top-up quote prices: one pack for one line.
  static func topupKey(_ customerId: String, _ code: String) -> String { "topup|\(customerId)|\(code)" }

  /// What an IR pack quote prices: one pack for one line, from a day (nil: now).
  static func irKey(_ customerId: String, _ packId: String, start: SandboxTime?) -> String {
    "ir|\(customerId)|\(packId)|\(start?.date ?? "now")"
  }

  /// Remembers a quote for `key` (what it prices, for whom), replacing an earlier one.
  mutating func remember(_ key: String, customerId: String, total: Double, at now: SandboxTime) {
    quotes[key] = SandboxQuote(customerId: customerId, total: total, expiry: now.adding(SandboxQuote.validity))
  }

  /// The open quote for `key`, or 409 naming the quote endpoint to call first. The purchase that
  /// follows it closes it (`close`) once paid.
  func open(_ key: String, quoteEndpoint: String, at now: SandboxTime) throws(SandboxError) -> SandboxQuote {
    guard let quote = quotes[key], now < quote.expiry else {
      throw .conflict(
        "no open quote for this purchase: call \(quoteEndpoint) with the same body first (a quote is valid for"
          + " 30 minutes and buys once; if a purchase just timed out, check whether it went through)")
    }
    return quote
  }

  /// A quote bought: it buys once.
  mutating func close(_ key: String) { quotes[key] = nil }
}
