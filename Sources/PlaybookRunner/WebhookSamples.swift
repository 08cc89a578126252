import Playbook
import ReachCatalogue

/// Sample events of every type section 4 sends to each of the brand's endpoints, for the
/// webhook check. Each carries a fresh `transactionId` or event id so that a receiver stores it.
enum WebhookSamples {
  static func payloads(_ endpoint: WebhookEndpoint, id: String, now: String) -> [(type: String, body: JSONValue)] {
    switch endpoint {
    case .callback:
      return CallbackType.allCases.map { type in
        let body: JSONValue = [
          "type": .string(type.rawValue), "transactionId": .string("golive-\(type.rawValue.lowercased())-\(id)"),
          "customerId": "golive-check", "status": "SUCCESS", "eventTime": .string(now),
        ]
        return (type.rawValue, body)
      }
    case .notification:
      return NotificationType.allCases.map { type in
        let body: JSONValue = [
          "type": .string(type.rawValue), "eventId": .string("golive-\(type.rawValue.lowercased())-\(id)"),
          "customerId": "golive-check", "eventTime": .string(now),
        ]
        return (type.rawValue, body)
      }
    }
  }
}
