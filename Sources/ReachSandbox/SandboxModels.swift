import ReachCatalogue

/// A line of service: the platform calls each one a customer, with its own `customerId`.
struct SandboxCustomer: Sendable, Codable {
  var customerId: String
  var clientAccountId: String?
  var groupId: String
  var isPrimary: Bool
  var firstName: String?
  var lastName: String?
  var email: String?
  var zip: String?
  var planId: String
  var simType: String
  var status: ActivationStatus = .inactive
  var mobileNo: String?
  var iccId: String?
  var imei: String?
  var activationDate: String?
  var activationMsg: String?
  var dataCutOff = false
  /// A plan change waiting for its date (a downgrade, or an upgrade without `immediateEffect`).
  var scheduledPlanId: String?
  /// When `scheduledPlanId` becomes the plan: the start (midnight UTC) of the change's `effectiveDate`.
  var scheduledPlanAt: SandboxTime?
  var portIn: PortIn?
  /// A status change that the platform is still working on.
  var pending: PendingStatus?
  /// Data added by top-ups (GB), on top of the plan's allowance.
  var topupGB: Double?
  /// The port-out or disconnect the brand recorded (`customer.leaving`).
  var leaving: Leaving?
  /// When the voicemail PIN was last reset (`customer.resetVoicemailPin`).
  var voicemailPinResetDate: String?

  struct PortIn: Sendable, Codable {
    var numberToPort: String
    var password: String?
  }
}

/// A status a customer reaches at an instant, with what comes with it.
struct PendingStatus: Sendable, Codable {
  var target: ActivationStatus
  var at: SandboxTime
  var message: String? = nil
  /// The activation or port-in this ends, whose ACTIVATION callback goes out when it does.
  var transactionId: String? = nil
}

/// A purchase transaction (Scenario A, B): its state is computed from the clock.
struct SandboxPurchase: Sendable, Codable {
  var transactionId: String
  var clientAccountId: String?
  /// The subscriber of a subsequent purchase; the new primary line once a new purchase completes.
  var customerId: String?
  var purchaseType: String
  var planId: String
  var simType: String
  var lines: Int
  var zip: String?
  var redirectUrl: String?
  var person: Person
  var portIn: SandboxCustomer.PortIn?
  var createdAt: SandboxTime
  var paidAt: SandboxTime?
  var declined = false
  var cardNumber: String?
  /// The card on file a subsequent purchase is charged to (`ccUUID`).
  var cardUUID: String?
  /// The shipping service ordered (`SHIP-STANDARD` by default).
  var shippingServiceCode: String?
  /// The SIM kits' shipment, once a completed purchase ordered one (physical SIMs only).
  var shipmentOrderId: String?
  /// Set once completion has created or changed customers.
  var settled = false

  /// Who bought a new line, as the order named them.
  struct Person: Sendable, Codable {
    var firstName: String?
    var lastName: String?
    var email: String?
  }

  static let orderDelay = Duration.seconds(5)
  static let processingDelay = Duration.seconds(5)
  static let linkValidity = Duration.seconds(30 * 60)

  var linkExpiry: SandboxTime { createdAt.adding(Self.orderDelay + Self.linkValidity) }

  func state(at now: SandboxTime) -> PurchaseState {
    if let paidAt {
      if now < paidAt.adding(Self.processingDelay) { return .paymentProcessing }
      return declined ? .failed : .completed
    }
    if now < createdAt.adding(Self.orderDelay) { return .orderReceived }
    return now < linkExpiry ? .paymentPending : .expired
  }
}

struct SandboxCard: Sendable, Codable {
  var uuid: String
  var customerId: String
  var brand: String
  var last4: String
  var expiryMonth: Int
  var expiryYear: Int
  var isDefault: Bool
  var priority: Int
  /// The magic declining card: every charge to it fails (nil for any other card).
  var declines: Bool? = nil

  var json: JSONValue {
    [
      "uuid": .string(uuid), "brand": .string(brand), "last4": .string(last4), "expiryMonth": .int(expiryMonth),
      "expiryYear": .int(expiryYear), "isDefault": .bool(isDefault), "priority": .int(priority),
    ]
  }
}

struct SandboxBill: Sendable, Codable {
  var billId: String
  var invoiceId: String
  var customerId: String
  var amount: Double
  var issued: SandboxTime
  var dueDate: String
  var status: String
  var items: [Item]

  struct Item: Sendable, Codable {
    var description: String
    var amount: Double
  }

  var json: JSONValue {
    ["billId": .string(billId), "amount": .double(amount), "dueDate": .string(dueDate), "status": .string(status)]
  }
}

/// A pending hosted add-card page.
struct SandboxCardLink: Sendable, Codable {
  var token: String
  var customerId: String
  var redirectUrl: String
  var expiry: SandboxTime
}

/// One accepted state-changing request.
public struct AuditEntry: Sendable, Hashable, Codable {
  public var sequence: Int
  public var time: String
  public var method: String
  public var path: String
  public var endpointID: String
  public var customerId: String?
  public var outcome: String

  var json: JSONValue {
    [
      "sequence": .int(sequence), "time": .string(time), "method": .string(method), "path": .string(path),
      "endpointId": .string(endpointID), "customerId": customerId.map(JSONValue.string) ?? .null,
      "outcome": .string(outcome),
    ]
  }
}
