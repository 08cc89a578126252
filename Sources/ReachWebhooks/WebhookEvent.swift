public import Foundation
public import ReachCatalogue

/// Which of the two brand endpoints of 2.3 an event came to.
public enum WebhookKind: String, Sendable, Codable, CaseIterable {
  /// `POST /apisvc/v0/notification`: USAGE_NOTIFICATION, RDN_IMEI_CHANGE, PORT_OUT, PORT_OUT_CONFIRMED.
  case notification
  /// `POST /apisvc/v0/notification/callback`: ACTIVATION, PRODUCT_PURCHASE, PURCHASE_SUBSEQUENT.
  case callback

  public var path: String {
    switch self {
    case .notification: return "/apisvc/v0/notification"
    case .callback: return "/apisvc/v0/notification/callback"
    }
  }

  /// The event types of section 4 that belong to this endpoint.
  public var knownTypes: Set<String> {
    switch self {
    case .notification: return Set(NotificationType.allCases.map(\.rawValue))
    case .callback: return Set(CallbackType.allCases.map(\.rawValue))
    }
  }
}

/// One event as received: what identifies it, and its (masked) body.
public struct WebhookEvent: Sendable, Equatable {
  public var sequence: Int64?
  public var key: String
  public var kind: WebhookKind
  public var type: String
  /// False when the type is not one section 4 defines for this endpoint: stored and reported.
  public var known: Bool
  public var transactionId: String?
  public var customerId: String?
  public var receivedAt: Date
  public var body: JSONValue
  public var forwardedAt: Date?

  /// Builds the event and its idempotency key from a decoded body.
  ///
  /// A callback is identified by its type and `transactionId` (4.2: "use transactionId as your
  /// idempotency key"); a notification, which carries none, by its type, `customerId` and its
  /// event id or time, or else its whole content.
  public init(kind: WebhookKind, body: JSONValue, receivedAt: Date) {
    let type = body["type"]?.stringValue ?? body["eventType"]?.stringValue ?? "UNKNOWN"
    self.kind = kind
    self.type = type
    self.known = kind.knownTypes.contains(type)
    self.transactionId = body["transactionId"]?.stringValue
    self.customerId = body["customerId"]?.stringValue
    self.receivedAt = receivedAt
    let masked = SensitiveFields.masked(body)
    self.body = masked
    self.forwardedAt = nil
    self.sequence = nil
    let identity: String
    switch kind {
    case .callback:
      identity = transactionId.map { "txn:" + $0 } ?? "body:" + masked.jsonText()
    case .notification:
      let id = body["eventId"]?.stringValue ?? body["id"]?.stringValue
      let time = body["eventTime"]?.stringValue ?? body["timestamp"]?.stringValue
      identity =
        "customer:\(customerId ?? "-"):"
        + (id.map { "id:" + $0 } ?? time.map { "time:" + $0 } ?? "body:" + masked.jsonText())
    }
    self.key = "\(kind.rawValue):\(type):\(identity)"
  }

  init(
    sequence: Int64?, key: String, kind: WebhookKind, type: String, known: Bool, transactionId: String?,
    customerId: String?, receivedAt: Date, body: JSONValue, forwardedAt: Date?
  ) {
    self.sequence = sequence
    self.key = key
    self.kind = kind
    self.type = type
    self.known = known
    self.transactionId = transactionId
    self.customerId = customerId
    self.receivedAt = receivedAt
    self.body = body
    self.forwardedAt = forwardedAt
  }

  /// The event as `reach webhooks list --json` prints it.
  public var json: JSONValue {
    var object: [String: JSONValue] = [
      "sequence": sequence.map { .int(Int($0)) } ?? .null, "kind": .string(kind.rawValue), "type": .string(type),
      "known": .bool(known), "receivedAt": .string(WebhookEvent.timestamp(receivedAt)), "body": body,
    ]
    if let transactionId { object["transactionId"] = .string(transactionId) }
    if let customerId { object["customerId"] = .string(customerId) }
    if let forwardedAt { object["forwardedAt"] = .string(WebhookEvent.timestamp(forwardedAt)) }
    return .object(object)
  }

  static func timestamp(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.string(from: date)
  }
}
