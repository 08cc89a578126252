import ReachCatalogue
import ReachEndpoints

/// Scenario I: suspend, restore, disconnect, reconnect; and `customerinfo`.
extension SandboxState {
  func customerInfo(_ a: CustomerInfoEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    let c = try customer(a.customerId)
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

  /// Starts a lifecycle change (see `LineBook.begin`), or 409.
  func lifecycle(_ customerId: String, _ change: LineBook.Transition) throws(SandboxError) -> JSONValue {
    let c = try customer(customerId)
    let due = clock.now.adding(LineBook.lifecycleDelay)
    try lineBook.begin(change, of: c, due: due)
    schedule(.customer(c.customerId), at: due)
    return [
      "customerId": .string(c.customerId), "requestId": .string(nextID("REQ")), "message": .string(change.accepted),
    ]
  }
}
