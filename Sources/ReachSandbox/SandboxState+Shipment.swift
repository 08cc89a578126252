import ReachCatalogue
import ReachEndpoints

/// The SIM kits of a purchase with physical SIMs, in one box: PENDING until it ships, SHIPPED
/// (with a tracking number), DELIVERED; CANCELLED only while PENDING. Its state is computed from
/// the clock, like a purchase's.
struct SandboxShipment: Sendable, Codable {
  enum State: String, Sendable {
    case pending = "PENDING"
    case shipped = "SHIPPED"
    case delivered = "DELIVERED"
    case cancelled = "CANCELLED"
  }

  var orderId: String
  /// The purchase that ordered it.
  var transactionId: String
  /// The lines whose SIMs are in the box.
  var customerIds: [String]
  var carrier: String
  var trackingNumber: String
  var createdAt: SandboxTime
  var cancelledAt: SandboxTime?
  /// A line of the order activated with a physical SIM: the kit is in the customer's hands.
  var deliveredAt: SandboxTime?

  /// From the order to the carrier.
  static let shipDelay = Duration.seconds(4 * 3600)
  /// From the carrier to the door.
  static let deliveryDelay = Duration.seconds(2 * 86_400)

  func state(at now: SandboxTime) -> State {
    if cancelledAt != nil { return .cancelled }
    if let deliveredAt, deliveredAt <= now { return .delivered }
    let shipped = createdAt.adding(Self.shipDelay)
    if now < shipped { return .pending }
    return now < shipped.adding(Self.deliveryDelay) ? .shipped : .delivered
  }
}

/// `shipment.order` and `shipment.cancel`; `product.status` and `customerinfo` show the same state.
extension SandboxState {
  /// Orders the SIM kits of lines just bought with physical SIMs: the orderId.
  func orderShipment(for lines: [String], purchase: SandboxPurchase, at now: SandboxTime) -> String {
    let orderId = nextID("ORD")
    let express = purchase.shippingServiceCode == "SHIP-EXPRESS"
    let shipment = SandboxShipment(
      orderId: orderId, transactionId: purchase.transactionId, customerIds: lines,
      carrier: express ? "UPS" : "USPS", trackingNumber: (express ? "1Z" : "9400") + orderId.filter(\.isNumber),
      createdAt: now)
    lineBook.file(shipment)
    return orderId
  }

  func shipmentStatus(_ orderId: String?) -> String {
    orderId.flatMap { lineBook.shipment($0) }?.state(at: clock.now).rawValue ?? "NOT_APPLICABLE"
  }

  func shipmentOrder(_ a: ShipmentOrderEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    let c = try customer(a.customerId)
    guard let order = lineBook.shipment(of: c.customerId) else {
      throw .notFound("no shipment order for this customer (an eSIM line ships nothing)")
    }
    let state = order.state(at: clock.now)
    var body: [String: JSONValue] = [
      "orderId": .string(order.orderId), "customerId": .string(c.customerId),
      "transactionId": .string(order.transactionId), "status": .string(state.rawValue),
      "carrier": .string(order.carrier), "lines": .int(order.customerIds.count),
    ]
    if state == .shipped || state == .delivered { body["trackingNumber"] = .string(order.trackingNumber) }
    return .object(body)
  }

  func cancelShipment(_ a: ShipmentCancelEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    let c = try customer(a.customerId)
    guard let order = lineBook.shipment(of: c.customerId) else {
      throw .notFound("no shipment order for this customer (an eSIM line ships nothing)")
    }
    let state = order.state(at: clock.now)
    guard state == .pending else {
      throw .conflict(
        "the shipment is \(state.rawValue): only a PENDING shipment can be cancelled"
          + (state == .cancelled ? " (it was cancelled already)" : ""))
    }
    lineBook.cancelShipment(order.orderId, at: clock.now)
    return ["orderId": .string(order.orderId), "status": .string(SandboxShipment.State.cancelled.rawValue)]
  }
}
