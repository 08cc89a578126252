import ReachCatalogue
import ReachEndpoints

/// Scenario G: cards, and the hosted add-card page (the rules that need only cards are
/// `CardBook`'s).
extension SandboxState {
  @discardableResult
  func addCard(customerId: String, number: String, at now: SandboxTime) -> SandboxCard {
    cardBook.add(uuid: nextID("CARD"), customerId: customerId, number: number, at: now)
  }

  func cardList(_ a: CardListEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    let c = try customer(a.customerId)
    return ["customerId": .string(c.customerId), "cards": .array(cardBook.cards(of: c.customerId).map(\.json))]
  }

  func addCardLink(_ a: CardAddLinkEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    let c = try customer(a.customerId)
    let link = cardBook.openLink(
      token: nextID("ADDCARD"), customerId: c.customerId, redirectUrl: a.redirectUrl,
      at: clock.now)
    return [
      "link": [
        "url": .string("\(baseURL)/__sandbox/addcard/\(link.token)"), "expireDate": .string(link.expiry.iso8601),
      ]
    ]
  }

  /// The customer adds a card on the hosted page: the redirect target.
  func addCardOnPage(_ token: String, number: String?) throws(SandboxError) -> String {
    let link = try cardBook.takeLink(token, at: clock.now)
    let card = addCard(
      customerId: link.customerId, number: number.flatMap { $0.isEmpty ? nil : $0 } ?? MagicValues.defaultCard,
      at: clock.now)
    return link.redirectUrl + (link.redirectUrl.contains("?") ? "&" : "?") + "cardId=" + card.uuid
  }

  func cardLink(_ token: String) -> SandboxCardLink? { cardBook.link(token) }

  func setDefaultCard(_ a: CardSetDefaultEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    let card = try card(a.id)
    return cardBook.setDefault(card.uuid)!.json
  }

  func updateCard(_ a: CardUpdateEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    _ = try customer(a.customerId)
    var card = try card(a.cardId)
    guard card.customerId == a.customerId else {
      throw .notFound("no card with this id for the customer")
    }
    if let month = a.expiryMonth { card.expiryMonth = month }
    if let year = a.expiryYear { card.expiryYear = year }
    if let priority = a.priority { card.priority = priority }
    cardBook.update(card)
    return card.json
  }

  func deleteCard(_ a: CardDeleteEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    _ = try customer(a.customerId)
    let card = try card(a.cardId)
    guard card.customerId == a.customerId else {
      throw .notFound("no card with this id for the customer")
    }
    cardBook.remove(card.uuid)
    return ["deleted": true]
  }
}
