/// Activation and port-in status codes (Scenarios C, D, E), which `customerinfo` shares.
public enum ActivationStatus: Int, Sendable, CaseIterable, Codable {
  case inactive = 0
  case activationInProgress = 1
  case active = 2
  case suspended = 3
  case disconnected = 4
  case activationFailed = 8
  case portingInProgress = 9
  case portingFailed = 10
  case portCancelled = 11

  /// The guide's name for the code.
  public var name: String {
    switch self {
    case .inactive: return "INACTIVE"
    case .activationInProgress: return "ACTIVATION_IN_PROGRESS"
    case .active: return "ACTIVE"
    case .suspended: return "SUSPENDED"
    case .disconnected: return "DISCONNECTED"
    case .activationFailed: return "ACTIVATION_FAILED"
    case .portingInProgress: return "PORTING_IN_PROGRESS"
    case .portingFailed: return "PORTING_FAILED"
    case .portCancelled: return "PORT_CANCELLED"
    }
  }

  /// Whether polling stops at this code.
  public var isTerminal: Bool {
    switch self {
    case .inactive, .activationInProgress, .portingInProgress: return false
    default: return true
    }
  }
}

/// Subscriber status as `customerinfo.status` reports it: the activation codes plus the states
/// that suspend (3) and disconnect (4) lead to; restore and reconnect lead back to 2.
public typealias SubscriberStatus = ActivationStatus

/// The states of a purchase transaction (Scenario A steps 5–8, Scenario B).
public enum PurchaseState: String, Sendable, CaseIterable {
  /// Accepted, not yet priced and linked to a payment page.
  case orderReceived = "ORDER_RECEIVED"
  /// `link.url` is ready: the customer must pay there.
  case paymentPending = "PAYMENT_PENDING"
  case paymentProcessing = "PAYMENT_PROCESSING"
  case completed = "COMPLETED"
  /// See `paymentStatusDesc`; restart from the quote.
  case failed = "FAILED"
  /// The payment link expired before the customer paid: resubmit the order.
  case expired = "EXPIRED"

  public var isTerminal: Bool { self == .completed || self == .failed || self == .expired }
}

/// The states of other asynchronous work: plan change, MDN swap, SIM swap, customer reset.
public enum TransactionState: String, Sendable, CaseIterable {
  case inProgress = "IN_PROGRESS"
  case completed = "COMPLETED"
  case failed = "FAILED"
}

/// Reasons for data cut-off (Scenario K).
public enum DataCutoffReason {
  public static let enable = ["OVERUSE", "BILLDUE", "CUSTOMER_REQUEST", "OTHER"]
  public static let remove = ["BILLPAID", "CUSTOMER_REQUEST", "OTHER"]
}

/// Port-in correction types (Scenario E step 5).
public enum PortInUpdateType: String, Sendable, CaseIterable {
  case updatePin = "UPDATE_PIN"
  case updateAccount = "UPDATE_ACCOUNT"
  case updateZip = "UPDATE_ZIP"
  case resubmitPort = "RESUBMIT_PORT"
  case cancelPort = "CANCEL_PORT"
  case cancelAndNew = "CANCEL_AND_NEW"
}

public enum SIMType: String, Sendable, CaseIterable {
  case psim = "PSIM", esim = "ESIM"
}

/// Notification events (4.1) and callback types (4.2).
public enum NotificationType: String, Sendable, CaseIterable {
  case usage = "USAGE_NOTIFICATION"
  case imeiChange = "RDN_IMEI_CHANGE"
  case portOut = "PORT_OUT"
  case portOutConfirmed = "PORT_OUT_CONFIRMED"
}

public enum CallbackType: String, Sendable, CaseIterable {
  case activation = "ACTIVATION"
  case productPurchase = "PRODUCT_PURCHASE"
  case purchaseSubsequent = "PURCHASE_SUBSEQUENT"
}
