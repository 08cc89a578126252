import ReachCatalogue
import ReachEndpoints

/// An IR pack a customer bought: its period, what is left of it, whether it renews.
struct SandboxIRPurchase: Sendable, Codable {
  enum State: String, Sendable, Codable {
    case scheduled = "SCHEDULED"
    case active = "ACTIVE"
    case usedUp = "USED_UP"
    case expired = "EXPIRED"
  }

  var purchaseId: String
  var customerId: String
  var packId: String
  var state: State
  var start: SandboxTime
  var end: SandboxTime
  var remainingDataMB: Int
  var remainingVoiceMinutes: Int
  var remainingSms: Int
  var total: Double
  var autoRenew = false
  var renewals = 0
  /// Why the last automatic renewal failed (the card declined, no card, the line not active).
  var renewalFailure: String?
  /// When the pack next starts, is used or ends; nil once it has ended for good.
  var nextDue: SandboxTime?

  /// While a pack is active, the traveller uses a slice of it every 6 hours.
  static let sliceInterval = Duration.seconds(6 * 3600)
  static let sliceDataMB = 50
  static let sliceVoiceMinutes = 3
  static let sliceSms = 2

  var live: Bool { state == .scheduled || state == .active }
  /// The last day of the pack.
  var expiryDate: String { SandboxTime(seconds: end.seconds - 1).date }

  var json: JSONValue {
    [
      "purchaseId": .string(purchaseId), "packId": .string(packId), "customerId": .string(customerId),
      "status": .string(state.rawValue), "autoRenew": .bool(autoRenew), "startDate": .string(start.date),
      "expiryDate": .string(expiryDate), "remainingDataMB": .int(remainingDataMB),
      "remainingVoiceMinutes": .int(remainingVoiceMinutes), "remainingSms": .int(remainingSms),
      "renewals": .int(renewals), "renewalFailure": renewalFailure.map(JSONValue.string) ?? .null,
    ]
  }

  /// A new period of `pack` from `start`.
  mutating func begin(_ pack: SandboxIRPack, at start: SandboxTime, now: SandboxTime) {
    self.start = start
    end = start.adding(.seconds(pack.validityDays * 86_400))
    remainingDataMB = pack.dataMB
    remainingVoiceMinutes = pack.voiceMinutes
    remainingSms = pack.sms
    state = start <= now ? .active : .scheduled
    nextDue = state == .active ? min(start.adding(Self.sliceInterval), end) : start
  }
}

/// Scenario J: roaming countries, IR packs, quotes, purchases charged to a card, auto-renew,
/// remaining usage. Packs move on the clock: see `settleIRPack`.
extension SandboxState {
  func roamingCountries() -> JSONValue {
    ["countries": .array(SandboxProducts.countries.map(\.json))]
  }

  func roamingOfferings(_ a: RoamingOfferingsEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    let codes = a.countries
    let unknown = codes.filter { SandboxProducts.country($0) == nil }
    guard !codes.isEmpty, unknown.isEmpty else {
      let message =
        codes.isEmpty
        ? "must name at least one country"
        : "\(unknown.joined(separator: ", ")) \(unknown.count == 1 ? "is" : "are") not supported (see roaming.countries)"
      throw .badRequest([.init(field: "countries", message: message)])
    }
    if let customerId = a.customerId { _ = try activeCustomer(customerId, for: "offer IR packs") }
    let zones = Set(codes.compactMap { SandboxProducts.country($0)?.zone })
    let packs = SandboxProducts.irPacks.filter { zones.isSubset(of: $0.zones) }
    return ["packs": .array(packs.map(\.json))]
  }

  /// The pack, start and customer of a quote or purchase, checked.
  func irOrder(
    _ customerId: String, packId: String, startDate: String?
  ) throws(SandboxError) -> (c: SandboxCustomer, pack: SandboxIRPack, start: SandboxTime?, key: String) {
    let c = try customer(customerId)
    guard let pack = SandboxProducts.irPack(packId) else {
      throw .notFound("no IR pack with this packId (see roaming.offerings)")
    }
    var start: SandboxTime?
    if let date = startDate, date != clock.now.date {
      guard let day = SandboxTime(date: date), day > clock.now, day < clock.now.adding(.seconds(90 * 86_400))
      else {
        throw .badRequest([.init(field: "startDate", message: "must be a day from today to 90 days ahead")])
      }
      start = day
    }
    _ = try activeCustomer(customerId, for: "buy an IR pack")
    return (c, pack, start, QuoteBook.irKey(c.customerId, pack.packId, start: start))
  }

  func roamingQuote(_ a: RoamingQuoteEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    let (c, pack, start, key) = try irOrder(a.customerId, packId: a.packId, startDate: a.startDate)
    let tax = SandboxProducts.rounded(pack.price * SandboxProducts.taxRate)
    let total = SandboxProducts.rounded(pack.price + tax)
    quoteBook.remember(key, customerId: c.customerId, total: total, at: clock.now)
    let from = start ?? clock.now
    return [
      "packId": .string(pack.packId), "price": .double(pack.price), "tax": .double(tax), "total": .double(total),
      "startDate": .string(from.date),
      "expiryDate": .string(SandboxTime(seconds: from.seconds + Double(pack.validityDays * 86_400) - 1).date),
    ]
  }

  func roamingPurchase(_ a: RoamingPurchaseEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    let (c, pack, start, key) = try irOrder(a.customerId, packId: a.packId, startDate: a.startDate)
    if let live = roaming.live(of: c.customerId, packId: pack.packId) {
      throw .conflict(
        "the customer already has \(pack.name) (\(live.purchaseId), \(live.state.rawValue) until \(live.expiryDate));"
          + " turn on roaming.autoRenew or buy it again when it ends")
    }
    let card = try chargeableCard(c, a.ccUUID)
    let quote = try quoteBook.open(key, quoteEndpoint: "roaming.quote", at: clock.now)
    try charge(card, amount: pack.price, description: pack.name)
    quoteBook.close(key)
    let now = clock.now
    var purchase = SandboxIRPurchase(
      purchaseId: nextID("IRP"), customerId: c.customerId, packId: pack.packId, state: .scheduled, start: now,
      end: now, remainingDataMB: 0, remainingVoiceMinutes: 0, remainingSms: 0, total: quote.total)
    purchase.begin(pack, at: start ?? now, now: now)
    roaming.add(purchase)
    if let due = purchase.nextDue { schedule(.irPack(purchase.purchaseId), at: due) }
    return [
      "purchaseId": .string(purchase.purchaseId), "packId": .string(pack.packId),
      "status": .string(purchase.state.rawValue), "startDate": .string(purchase.start.date),
      "expiryDate": .string(purchase.expiryDate), "total": .double(quote.total),
    ]
  }

  func roamingPackGroup(_ a: RoamingPackGroupEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    let groupId = a.groupId
    guard groupExists(groupId) else {
      throw .notFound("no group with this groupId")
    }
    let packs = roaming.purchases(where: { lineBook[$0]?.groupId == groupId })
    return ["groupId": .string(groupId), "packs": .array(packs.map(\.json))]
  }

  func roamingAutoRenew(_ a: RoamingAutoRenewEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    let c = try customer(a.customerId)
    let packId = a.packId
    guard var purchase = roaming.latest(of: c.customerId, packId: packId) else {
      throw .notFound("the customer has no IR pack with this packId (see roaming.usage)")
    }
    guard purchase.live else {
      throw .conflict(
        "this pack has ended (\(purchase.state.rawValue)); buy it again (roaming.quote, roaming.purchase)")
    }
    purchase.autoRenew = a.autoRenew
    roaming.update(purchase)
    return [
      "packId": .string(packId), "autoRenew": .bool(purchase.autoRenew), "purchaseId": .string(purchase.purchaseId),
      "status": .string(purchase.state.rawValue),
    ]
  }

  func roamingUsage(_ a: RoamingUsageEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    let c = try customer(a.customerId)
    return ["customerId": .string(c.customerId), "packs": .array(roaming.purchases(of: c.customerId).map(\.json))]
  }

  /// What falls due for a pack, at the time it was due: a scheduled pack starts; an active one
  /// loses a slice (50 MB of data, 3 minutes, 2 SMS) every 6 hours while its line is ACTIVE (no
  /// data while data is cut off); it is USED_UP when its data is gone and EXPIRED at its end.
  /// With auto-renew on, a pack that ends starts a new period at once, charged to the default
  /// card; if that fails the pack ends and auto-renew goes off, with the reason.
  func settleIRPack(_ id: String, at now: SandboxTime) {
    guard var purchase = roaming[id], let due = purchase.nextDue, due <= now,
      let pack = SandboxProducts.irPack(purchase.packId)
    else { return }
    purchase.nextDue = nil
    switch purchase.state {
    case .scheduled:
      purchase.state = .active
      purchase.nextDue = min(due.adding(SandboxIRPurchase.sliceInterval), purchase.end)
    case .active where due >= purchase.end:
      finish(&purchase, pack, as: .expired, at: due)
    case .active:
      if let line = lineBook[purchase.customerId], line.status == .active {
        if !line.dataCutOff {
          purchase.remainingDataMB -= min(SandboxIRPurchase.sliceDataMB, purchase.remainingDataMB)
        }
        purchase.remainingVoiceMinutes -= min(SandboxIRPurchase.sliceVoiceMinutes, purchase.remainingVoiceMinutes)
        purchase.remainingSms -= min(SandboxIRPurchase.sliceSms, purchase.remainingSms)
      }
      if purchase.remainingDataMB == 0 {
        finish(&purchase, pack, as: .usedUp, at: due)
      } else {
        purchase.nextDue = min(due.adding(SandboxIRPurchase.sliceInterval), purchase.end)
      }
    case .usedUp, .expired: break
    }
    if let next = purchase.nextDue { schedule(.irPack(id), at: next) }
    roaming.update(purchase)
  }

  /// A pack's period ends: renewed, or ended as `state`.
  func finish(
    _ purchase: inout SandboxIRPurchase, _ pack: SandboxIRPack, as state: SandboxIRPurchase.State, at time: SandboxTime
  ) {
    guard purchase.autoRenew else {
      purchase.state = state
      return
    }
    do throws(SandboxError) {
      let line = try activeCustomer(purchase.customerId, for: "renew an IR pack")
      let card = try chargeableCard(line, nil)
      try charge(card, amount: pack.price, description: "\(pack.name) (renewal)", at: time)
      purchase.begin(pack, at: time, now: time)
      purchase.renewals += 1
      purchase.renewalFailure = nil
    } catch {
      purchase.state = state
      purchase.autoRenew = false
      purchase.renewalFailure = error.errors.first?.message ?? error.message
    }
  }
}

extension SandboxTime {
  /// Midnight UTC of a `YYYY-MM-DD` day; nil for anything else.
  init?(date: String) {
    let parts = date.split(separator: "-")
    guard date.count == 10, parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
      (1...12).contains(m), (1...31).contains(d)
    else { return nil }
    // Howard Hinnant's days-from-civil, the inverse of `civil(fromDays:)`.
    let year = m <= 2 ? y - 1 : y
    let era = (year >= 0 ? year : year - 399) / 400
    let yoe = year - era * 400
    let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    let days = era * 146_097 + doe - 719_468
    self.init(seconds: Double(days * 86_400))
    guard self.date == date else { return nil }
  }
}
