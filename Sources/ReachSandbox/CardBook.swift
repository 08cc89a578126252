/// Scenario G's cards and hosted add-card links: one part of `SandboxState`, owning both tables
/// and the rules that need only them. The brand by first digit, the expiry three years on and a
/// customer's first card being their default are the sandbox's (assumption: the guide names
/// `isDefault` and `priority` but not how a new card gets them).
struct CardBook: Sendable {
  static let linkValidity = Duration.seconds(15 * 60)

  /// Cards by uuid, and open add-card links by token (their rows in the state file).
  private(set) var cards = TrackedTable<SandboxCard>()
  private(set) var links = TrackedTable<SandboxCardLink>()

  init() {}

  init(cards: TrackedTable<SandboxCard>, links: TrackedTable<SandboxCardLink>) {
    self.cards = cards
    self.links = links
  }

  /// Turns change tracking on or off for both tables (on with a state file).
  mutating func track(_ on: Bool) {
    cards.tracking = on
    links.tracking = on
  }

  /// Once the changes are saved.
  mutating func forgetChanges() {
    cards.forgetChanges()
    links.forgetChanges()
  }

  subscript(uuid: String) -> SandboxCard? { cards[uuid] }

  /// The customer's cards by priority.
  func cards(of customerId: String) -> [SandboxCard] {
    cards.values.filter { $0.customerId == customerId }.sorted { $0.priority < $1.priority }
  }

  func hasCard(_ customerId: String) -> Bool { cards.values.contains { $0.customerId == customerId } }

  func defaultCard(of customerId: String) -> SandboxCard? {
    cards.values.first { $0.customerId == customerId && $0.isDefault }
  }

  /// Files card `number` as `uuid` for the customer: the default if it is their first, last by
  /// priority otherwise.
  @discardableResult
  mutating func add(uuid: String, customerId: String, number: String, at now: SandboxTime) -> SandboxCard {
    let existing = cards.values.filter { $0.customerId == customerId }
    let brand: String
    switch number.first {
    case "4": brand = "VISA"
    case "5": brand = "MASTERCARD"
    case "3": brand = "AMEX"
    default: brand = "DISCOVER"
    }
    let card = SandboxCard(
      uuid: uuid, customerId: customerId, brand: brand, last4: String(number.suffix(4)),
      expiryMonth: 12, expiryYear: Int(now.date.prefix(4))! + 3, isDefault: existing.isEmpty,
      priority: existing.count + 1, declines: number == MagicValues.decliningCard ? true : nil)
    cards[card.uuid] = card
    return card
  }

  /// Makes `uuid` its customer's only default card; returns it as it is now.
  mutating func setDefault(_ uuid: String) -> SandboxCard? {
    guard let customerId = cards[uuid]?.customerId else { return nil }
    for (id, other) in cards where other.customerId == customerId { cards[id]?.isDefault = id == uuid }
    return cards[uuid]
  }

  mutating func update(_ card: SandboxCard) { cards[card.uuid] = card }

  mutating func remove(_ uuid: String) { cards[uuid] = nil }

  /// Opens an add-card link valid for `linkValidity` from `now`.
  mutating func openLink(token: String, customerId: String, redirectUrl: String, at now: SandboxTime)
    -> SandboxCardLink
  {
    let link = SandboxCardLink(
      token: token, customerId: customerId, redirectUrl: redirectUrl, expiry: now.adding(Self.linkValidity))
    links[link.token] = link
    return link
  }

  func link(_ token: String) -> SandboxCardLink? { links[token] }

  /// Uses up link `token`: a link buys one card, and only before it expires.
  mutating func takeLink(_ token: String, at now: SandboxTime) throws(SandboxError) -> SandboxCardLink {
    guard let link = links[token] else { throw .notFound("no add-card link with this id") }
    guard now < link.expiry else { throw .conflict("this add-card link has expired") }
    links[token] = nil
    return link
  }
}
