import ReachCatalogue

/// Scenario G: cards, and the hosted add-card page.
extension SandboxState {
  static let cardLinkValidity = Duration.seconds(15 * 60)

  @discardableResult
  func addCard(customerId: String, number: String, at now: SandboxTime) -> SandboxCard {
    let existing = cards.values.filter { $0.customerId == customerId }
    let brand: String
    switch number.first {
    case "4": brand = "VISA"
    case "5": brand = "MASTERCARD"
    case "3": brand = "AMEX"
    default: brand = "DISCOVER"
    }
    let card = SandboxCard(
      uuid: nextID("CARD"), customerId: customerId, brand: brand, last4: String(number.suffix(4)),
      expiryMonth: 12, expiryYear: Int(now.date.prefix(4))! + 3, isDefault: existing.isEmpty,
      priority: existing.count + 1, declines: number == MagicValues.decliningCard ? true : nil)
    cards[card.uuid] = card
    return card
  }

  func cardList(_ a: [String: JSONValue]) throws(SandboxError) -> JSONValue {
    let c = try customer(a["customerId"])
    let list = cards.values.filter { $0.customerId == c.customerId }.sorted { $0.priority < $1.priority }
    return ["customerId": .string(c.customerId), "cards": .array(list.map(\.json))]
  }

  func addCardLink(_ a: [String: JSONValue]) throws(SandboxError) -> JSONValue {
    let c = try customer(a["customerId"])
    let link = SandboxCardLink(
      token: nextID("ADDCARD"), customerId: c.customerId, redirectUrl: a["redirectUrl"]?.stringValue ?? baseURL,
      expiry: clock.now.adding(Self.cardLinkValidity))
    cardLinks[link.token] = link
    return [
      "link": [
        "url": .string("\(baseURL)/__sandbox/addcard/\(link.token)"), "expireDate": .string(link.expiry.iso8601),
      ]
    ]
  }

  /// The customer adds a card on the hosted page: the redirect target.
  func addCardOnPage(_ token: String, number: String?) throws(SandboxError) -> String {
    guard let link = cardLinks[token] else { throw .notFound("no add-card link with this id") }
    guard clock.now < link.expiry else { throw .conflict("this add-card link has expired") }
    cardLinks[token] = nil
    let card = addCard(
      customerId: link.customerId, number: number.flatMap { $0.isEmpty ? nil : $0 } ?? MagicValues.defaultCard,
      at: clock.now)
    return link.redirectUrl + (link.redirectUrl.contains("?") ? "&" : "?") + "cardId=" + card.uuid
  }

  func cardLink(_ token: String) -> SandboxCardLink? { cardLinks[token] }

  func setDefaultCard(_ a: [String: JSONValue]) throws(SandboxError) -> JSONValue {
    let card = try card(a["id"])
    for (id, other) in cards where other.customerId == card.customerId { cards[id]?.isDefault = id == card.uuid }
    return cards[card.uuid]!.json
  }

  func updateCard(_ a: [String: JSONValue]) throws(SandboxError) -> JSONValue {
    _ = try customer(a["customerId"])
    var card = try card(a["cardId"])
    guard card.customerId == a["customerId"]?.stringValue else {
      throw .notFound("no card with this id for the customer")
    }
    if let month = a["expiryMonth"]?.intValue { card.expiryMonth = month }
    if let year = a["expiryYear"]?.intValue { card.expiryYear = year }
    if let priority = a["priority"]?.intValue { card.priority = priority }
    cards[card.uuid] = card
    return card.json
  }

  func deleteCard(_ a: [String: JSONValue]) throws(SandboxError) -> JSONValue {
    _ = try customer(a["customerId"])
    let card = try card(a["cardId"])
    guard card.customerId == a["customerId"]?.stringValue else {
      throw .notFound("no card with this id for the customer")
    }
    cards[card.uuid] = nil
    return ["deleted": true]
  }
}
