import ReachCatalogue

/// Scenario I: suspend, restore, disconnect, reconnect; and `customerinfo`.
extension SandboxState {
  /// How long the platform takes to apply a lifecycle change.
  static let lifecycleDelay = Duration.seconds(30)

  func customerInfo(_ a: [String: JSONValue]) throws(SandboxError) -> JSONValue {
    let c = try customer(a["customerId"])
    // Room for every member up front: growing the table rehashed it on every request.
    var body = [String: JSONValue](minimumCapacity: 24)
    body["customerId"] = .string(c.customerId)
    body["status"] = .int(c.status.rawValue)
    body["statusName"] = .string(c.status.name)
    body["reachPlanId"] = .string(c.planId)
    body["planName"] = .string(SandboxProducts.plan(c.planId)?.name ?? c.planId)
    body["simType"] = .string(c.simType)
    body["groupId"] = .string(c.groupId)
    body["isPrimary"] = .bool(c.isPrimary)
    body["dataCutOff"] = .bool(c.dataCutOff)
    body["dataAllowanceGB"] = .double(c.dataAllowanceGB)
    let optional: KeyValuePairs<String, String?> = [
      "clientAccountId": c.clientAccountId, "mobileNo": c.mobileNo, "iccId": c.iccId, "imei": c.imei,
      "scheduledPlanId": c.scheduledPlanId, "firstName": c.firstName, "lastName": c.lastName, "email": c.email,
      "activationDate": c.activationDate, "leavingReason": c.leaving?.reason, "leavingDate": c.leaving?.date,
      "voicemailPinResetDate": c.voicemailPinResetDate,
    ]
    for (key, value) in optional { if let value { body[key] = .string(value) } }
    if let order = lineBook.shipment(of: c.customerId) {
      body["shipmentStatus"] = .string(order.state(at: clock.now).rawValue)
    }
    return .object(body)
  }

  /// A lifecycle change: the statuses it starts from, where it ends, and the words of its 409.
  struct Transition: Sendable {
    let from: [ActivationStatus]
    let target: ActivationStatus
    let verb: String
    /// "ACTIVE or SUSPENDED": worked out once, not on every refused call.
    let expected: String
    let accepted: String

    init(from: [ActivationStatus], to target: ActivationStatus, verb: String) {
      self.from = from
      self.target = target
      self.verb = verb
      expected = from.map(\.name).sorted().joined(separator: " or ")
      accepted = "\(verb) accepted; follow customerinfo until the status changes"
    }

    static let suspend = Transition(from: [.active], to: .suspended, verb: "suspend")
    static let restore = Transition(from: [.suspended], to: .active, verb: "restore")
    static let disconnect = Transition(from: [.active, .suspended], to: .disconnected, verb: "disconnect")
    static let reconnect = Transition(from: [.disconnected], to: .active, verb: "reconnect")
  }

  /// Starts a lifecycle change, or 409.
  func lifecycle(_ a: [String: JSONValue], _ change: Transition) throws(SandboxError) -> JSONValue {
    let c = try customer(a["customerId"])
    guard c.pending == nil else { throw .conflict("a status change is already in progress for this customer") }
    guard change.from.contains(c.status) else {
      throw .conflict(
        "cannot \(change.verb) a line that is \(c.status.name) (\(c.status.rawValue)); it must be \(change.expected)")
    }
    let due = clock.now.adding(Self.lifecycleDelay)
    lineBook[c.customerId]?.pending = PendingStatus(target: change.target, at: due)
    // A line that comes back is no longer leaving.
    if change.from.contains(.disconnected) { lineBook[c.customerId]?.leaving = nil }
    schedule(.customer(c.customerId), at: due)
    return [
      "customerId": .string(c.customerId), "requestId": .string(nextID("REQ")), "message": .string(change.accepted),
    ]
  }
}
