/// Activation and port-in status codes (Scenarios C, D, E), which `customerinfo` shares. The
/// guide defines 0, 1, 2 and 8 (3.C step 3) and 9, 10 and 11 (3.E step 4); 3 and 4 are this
/// project's (see `provenance`).
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

  /// The code's name: the guide's for the codes it defines, this project's for 3 and 4.
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

  /// Where the code and its name come from.
  public var provenance: Provenance {
    switch self {
    case .inactive: return .guide("3.C step 3", "INACTIVE (not yet submitted)")
    case .activationInProgress: return .guide("3.C step 3", "ACTIVATION_IN_PROGRESS (keep polling)")
    case .active: return .guide("3.C step 3", "ACTIVE (success, stop polling)")
    case .activationFailed: return .guide("3.C step 3", "ACTIVATION_FAILED (show error, contact support)")
    case .portingInProgress: return .guide("3.E step 4", "PORTING_IN_PROGRESS (keep polling)")
    case .portingFailed: return .guide("3.E step 4", "PORTING_FAILED (see activationMsg)")
    case .portCancelled: return .guide("3.E step 4", "PORT_CANCELLED (customer or carrier cancelled)")
    case .suspended:
      return .assumption(
        "the guide shows suspend's effect only through customerinfo's status (3.I) and gives no code for it")
    case .disconnected:
      return .assumption("the guide gives no code for a disconnected line (3.I)")
    }
  }

  /// The code as a value of a status field, with its provenance.
  public var enumValue: EnumValue { EnumValue(.int(rawValue), provenance) }
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

  /// Where the state comes from: Scenario A names four; the other two are this project's.
  public var provenance: Provenance {
    switch self {
    case .paymentPending: return .guide("3.A step 6", "status is PAYMENT_PENDING")
    case .paymentProcessing: return .guide("3.A step 8", "PAYMENT_PROCESSING → COMPLETED (or FAILED)")
    case .completed, .failed: return .guide("3.A step 8", "until status is COMPLETED or FAILED")
    case .orderReceived:
      return .assumption("the guide does not name the state before the payment link is ready")
    case .expired:
      return .assumption(
        "the guide says the payment link expires and the order must be resubmitted, not what status follows")
    }
  }

  public var enumValue: EnumValue { EnumValue(.string(rawValue), provenance) }
}

/// The states of other asynchronous work: plan change, MDN swap, SIM swap, customer reset. The
/// guide names only a plan change's COMPLETED (3.F step 4); the rest is this project's.
public enum TransactionState: String, Sendable, CaseIterable {
  case inProgress = "IN_PROGRESS"
  case completed = "COMPLETED"
  case failed = "FAILED"

  /// Where the state comes from, for the status of a plan change.
  public var provenance: Provenance {
    switch self {
    case .completed: return .guide("3.F step 4", "Poll until status=COMPLETED")
    case .inProgress: return .assumption("the guide names no state before a plan change is applied")
    case .failed: return .assumption("the guide does not say how a plan change fails")
    }
  }

  /// The state as a value of a swap's or a reset's status, which the guide does not describe.
  public var assumedValue: EnumValue {
    EnumValue(
      .string(rawValue), .assumption("the guide shows no status of swaps and resets; the plan change's states reused"))
  }

  public var enumValue: EnumValue { EnumValue(.string(rawValue), provenance) }
}

/// Reasons for data cut-off (Scenario K): the guide's "Reason options".
public enum DataCutoffReason {
  public static let enable = ["OVERUSE", "BILLDUE", "CUSTOMER_REQUEST", "OTHER"]
  public static let remove = ["BILLPAID", "CUSTOMER_REQUEST", "OTHER"]
  public static let enableProvenance = Provenance.guide(
    "3.K step 1", "Reason options: OVERUSE | BILLDUE | CUSTOMER_REQUEST | OTHER")
  public static let removeProvenance = Provenance.guide(
    "3.K step 2", "Reason options: BILLPAID | CUSTOMER_REQUEST | OTHER")
}

/// Port-in correction types (Scenario E step 5).
public enum PortInUpdateType: String, Sendable, CaseIterable {
  case updatePin = "UPDATE_PIN"
  case updateAccount = "UPDATE_ACCOUNT"
  case updateZip = "UPDATE_ZIP"
  case resubmitPort = "RESUBMIT_PORT"
  case cancelPort = "CANCEL_PORT"
  case cancelAndNew = "CANCEL_AND_NEW"

  public static let provenance = Provenance.guide("3.E step 5", "UPDATE_PIN — wrong PIN/password")
}

/// Physical or eSIM (3.A step 9: "If simType = PSIM", "If simType = ESIM").
public enum SIMType: String, Sendable, CaseIterable {
  case psim = "PSIM", esim = "ESIM"

  public var provenance: Provenance {
    switch self {
    case .psim: return .guide("3.A step 9", "If simType = PSIM")
    case .esim: return .guide("3.A step 9", "If simType = ESIM")
    }
  }
}

/// Notification events (4.1) and callback types (4.2).
public enum NotificationType: String, Sendable, CaseIterable {
  case usage = "USAGE_NOTIFICATION"
  case imeiChange = "RDN_IMEI_CHANGE"
  case portOut = "PORT_OUT"
  case portOutConfirmed = "PORT_OUT_CONFIRMED"

  public var provenance: Provenance { .guide("4.1", rawValue) }
}

public enum CallbackType: String, Sendable, CaseIterable {
  case activation = "ACTIVATION"
  case productPurchase = "PRODUCT_PURCHASE"
  case purchaseSubsequent = "PURCHASE_SUBSEQUENT"

  public var provenance: Provenance { .guide("4.2", rawValue) }
}
