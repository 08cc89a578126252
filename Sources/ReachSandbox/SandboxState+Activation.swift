import ReachCatalogue
import ReachEndpoints

/// Scenarios C, D, E: activation, eSIM activation, port-in and its corrections.
extension SandboxState {
  func activate(_ a: ActivationSubmitEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    var c = try customer(a.customerId)
    let startable: Set<ActivationStatus> = [.inactive, .activationFailed, .portCancelled]
    guard c.pending == nil, startable.contains(c.status) else {
      if c.status == .portingInProgress {
        throw .conflict(
          "the line's port-in is in progress (9): it began with the purchase; poll activation.status until 2, 10 or 11")
      }
      throw .conflict("cannot activate a line that is \(c.status.name) (\(c.status.rawValue))")
    }
    if let iccId = a.iccId { c.iccId = iccId; c.simType = "PSIM" }
    if let imei = a.imei { c.imei = imei; c.simType = "ESIM" }
    if let number = a.numberToPort {
      c.portIn = .init(numberToPort: number, password: a.password)
    }
    let due = clock.now.adding(LineBook.activationDelay(c.customerId))
    if let port = c.portIn {
      c.status = .portingInProgress
      c.pending = LineBook.portOutcome(port, at: due)
    } else if c.iccId == MagicValues.failingIccid {
      c.status = .activationInProgress
      c.pending = PendingStatus(
        target: .activationFailed, at: due, message: "SIM could not be provisioned (ICCID rejected by the network)")
    } else {
      c.status = .activationInProgress
      c.pending = PendingStatus(target: .active, at: due)
    }
    let transactionId = nextID("ACT")
    c.pending?.transactionId = transactionId
    lineBook[c.customerId] = c
    schedule(.customer(c.customerId), at: due)
    if a.iccId != nil {
      numbers.holdIccid(c.iccId, for: c.customerId)
      lineBook.deliverKit(of: c.customerId, at: clock.now)
    }
    return [
      "transactionId": .string(transactionId), "customerId": .string(c.customerId), "status": .int(c.status.rawValue),
    ]
  }

  /// 3.E step 3: "Port-in is initiated at the time of purchase." A new line bought with the
  /// port-in fields is PORTING_IN_PROGRESS (9) as soon as its purchase completes (assumption: the
  /// guide does not say whether at the order or at payment; the line exists only once paid), and
  /// lands at 2 or 10 as an activation would, with its ACTIVATION callback ("Activation or
  /// port-in completed", 4.2). No `activation.submit` is needed; one on the porting line is a 409.
  func startPortIn(_ id: String, _ port: SandboxCustomer.PortIn, at now: SandboxTime) {
    guard var c = lineBook[id] else { return }
    let due = now.adding(LineBook.activationDelay(id))
    c.portIn = port
    c.status = .portingInProgress
    c.pending = LineBook.portOutcome(port, at: due)
    c.pending?.transactionId = nextID("ACT")
    lineBook[id] = c
    schedule(.customer(id), at: due)
  }

  func activationStatus(_ a: ActivationStatusEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    let c = try customer(a.customerId)
    var body: [String: JSONValue] = [
      "customerId": .string(c.customerId), "status": .int(c.status.rawValue), "statusName": .string(c.status.name),
      "simType": .string(c.simType),
    ]
    if c.status == .active {
      body["mobileNo"] = c.mobileNo.map(JSONValue.string) ?? .null
      body["planName"] = .string(SandboxProducts.plan(c.planId)?.name ?? c.planId)
      body["activationDate"] = c.activationDate.map(JSONValue.string) ?? .null
    }
    if let message = c.activationMsg, c.status == .activationFailed || c.status == .portingFailed {
      body["activationMsg"] = .string(message)
    }
    return .object(body)
  }

  func updatePortIn(_ a: PortinUpdateEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    var c = try customer(a.customerId)
    guard let type = PortInUpdateType(rawValue: a.type) else {
      throw .badRequest([.init(field: "type", message: "is not a port-in update type")])
    }
    let correctable: Set<ActivationStatus> = [.portingFailed, .portingInProgress]
    guard correctable.contains(c.status), var port = c.portIn else {
      throw .conflict("no port-in to update: the line is \(c.status.name) (\(c.status.rawValue))")
    }
    let due = clock.now.adding(LineBook.activationDelay(c.customerId))
    let message: String
    switch type {
    case .updatePin, .updateAccount, .updateZip, .resubmitPort:
      if type == .updatePin { port.password = a.password }
      c.portIn = port
      c.status = .portingInProgress
      c.activationMsg = nil
      c.pending = LineBook.portOutcome(port, at: due)
      message = "port-in resubmitted"
    case .cancelPort:
      c.status = .portCancelled
      c.pending = nil
      message = "port-in cancelled"
    case .cancelAndNew:
      c.portIn = nil
      c.status = .activationInProgress
      c.activationMsg = nil
      c.pending = PendingStatus(target: .active, at: due)
      message = "port-in cancelled; activating with a new number"
    }
    if c.pending != nil {
      c.pending?.transactionId = nextID("ACT")
      schedule(.customer(c.customerId), at: due)
    }
    lineBook[c.customerId] = c
    return ["customerId": .string(c.customerId), "status": .int(c.status.rawValue), "message": .string(message)]
  }
}
