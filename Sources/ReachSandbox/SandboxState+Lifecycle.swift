import ReachCatalogue

/// Scenario I: suspend, restore, disconnect, reconnect; and `customerinfo`.
extension SandboxState {
  /// How long the platform takes to apply a lifecycle change.
  static let lifecycleDelay = Duration.seconds(30)

  func customerInfo(_ a: [String: JSONValue]) throws(SandboxError) -> JSONValue {
    let c = try customer(a["customerId"])
    var body: [String: JSONValue] = [
      "customerId": .string(c.customerId), "status": .int(c.status.rawValue), "statusName": .string(c.status.name),
      "reachPlanId": .string(c.planId), "planName": .string(SandboxProducts.plan(c.planId)?.name ?? c.planId),
      "simType": .string(c.simType), "groupId": .string(c.groupId), "isPrimary": .bool(c.isPrimary),
      "dataCutOff": .bool(c.dataCutOff), "dataAllowanceGB": .double(dataAllowanceGB(c)),
    ]
    let optional: KeyValuePairs<String, String?> = [
      "clientAccountId": c.clientAccountId, "mobileNo": c.mobileNo, "iccId": c.iccId, "imei": c.imei,
      "scheduledPlanId": c.scheduledPlanId, "firstName": c.firstName, "lastName": c.lastName, "email": c.email,
      "activationDate": c.activationDate, "leavingReason": c.leaving?.reason, "leavingDate": c.leaving?.date,
      "voicemailPinResetDate": c.voicemailPinResetDate,
    ]
    for (key, value) in optional { if let value { body[key] = .string(value) } }
    if let order = shipment(of: c.customerId) { body["shipmentStatus"] = .string(order.state(at: clock.now).rawValue) }
    return .object(body)
  }

  /// Starts a lifecycle change from `from` to `to`, or 409.
  func lifecycle(
    _ a: [String: JSONValue], from: Set<ActivationStatus>, to target: ActivationStatus, verb: String
  ) throws(SandboxError) -> JSONValue {
    let c = try customer(a["customerId"])
    guard c.pending == nil else { throw .conflict("a status change is already in progress for this customer") }
    guard from.contains(c.status) else {
      let expected = from.map(\.name).sorted().joined(separator: " or ")
      throw .conflict("cannot \(verb) a line that is \(c.status.name) (\(c.status.rawValue)); it must be \(expected)")
    }
    let due = clock.now.adding(Self.lifecycleDelay)
    customers[c.customerId]?.pending = PendingStatus(target: target, at: due)
    // A line that comes back is no longer leaving.
    if from.contains(.disconnected) { customers[c.customerId]?.leaving = nil }
    schedule(.customer(c.customerId), at: due)
    return [
      "customerId": .string(c.customerId), "requestId": .string(nextID("REQ")),
      "message": .string("\(verb) accepted; follow customerinfo until the status changes"),
    ]
  }
}
