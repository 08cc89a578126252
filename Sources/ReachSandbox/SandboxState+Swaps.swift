import ReachCatalogue
import ReachEndpoints

/// Short asynchronous work on an active line: MDN swap, OTP-verified SIM swap, account reset.
struct SandboxJob: LineChange, Codable {
  enum Kind: Sendable, Codable {
    case mdnSwap(old: String?, new: String)
    case simSwap(iccId: String?, imei: String?)
    case reset
  }

  var id: String
  var customerId: String
  var kind: Kind
  var createdAt: SandboxTime
  var applied = false

  static let delay = Duration.seconds(60)
}

extension SandboxState {
  func activeCustomer(_ id: String, for action: String) throws(SandboxError) -> SandboxCustomer {
    let c = try customer(id)
    guard c.status == .active else {
      throw .conflict("cannot \(action) on a line that is \(c.status.name) (\(c.status.rawValue)); it must be ACTIVE")
    }
    return c
  }

  func startJob(_ kind: SandboxJob.Kind, customerId: String, prefix: String) throws(SandboxError) -> SandboxJob {
    guard !lineBook.jobs.hasOpen(customerId) else {
      throw .conflict("another change is in progress for this customer")
    }
    let job = SandboxJob(id: nextID(prefix), customerId: customerId, kind: kind, createdAt: clock.now)
    lineBook.jobs.file(job)
    schedule(.job(job.id), at: job.createdAt.adding(SandboxJob.delay))
    return job
  }

  func settleJob(_ id: String, at now: SandboxTime) {
    guard let job = lineBook.jobs.apply(id, at: now) else { return }
    switch job.kind {
    case .mdnSwap(_, let new):
      // A line disconnected meanwhile holds no number (Scenario I: "Number is released").
      if lineBook[job.customerId]?.status == .disconnected {
        numbers.release(new)
      } else {
        lineBook[job.customerId]?.mobileNo = new
      }
    case .simSwap(let iccId, let imei):
      if let iccId {
        lineBook[job.customerId]?.iccId = iccId
        lineBook[job.customerId]?.simType = "PSIM"
        numbers.holdIccid(iccId, for: job.customerId)
      }
      if let imei { lineBook[job.customerId]?.imei = imei; lineBook[job.customerId]?.simType = "ESIM" }
    case .reset: break
    }
  }

  func latestJob(_ customerId: String, where matches: (SandboxJob.Kind) -> Bool) throws(SandboxError) -> SandboxJob {
    guard let job = lineBook.jobs.latest(of: customerId, where: { matches($0.kind) }) else {
      throw .notFound("no such request for this customer")
    }
    return job
  }

  func swapMdn(_ a: MdnSwapEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    let c = try activeCustomer(a.customerId, for: "swap the number")
    let new = numbers.allocate(prefix: NumberPool.swappedPrefix)
    let job = try startJob(.mdnSwap(old: c.mobileNo, new: new), customerId: c.customerId, prefix: "MDNSWAP")
    return ["customerId": .string(c.customerId), "transactionId": .string(job.id), "status": "IN_PROGRESS"]
  }

  func mdnSwapStatus(_ a: MdnSwapStatusEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    let c = try customer(a.customerId)
    let job = try latestJob(c.customerId) { if case .mdnSwap = $0 { true } else { false } }
    guard case .mdnSwap(let old, let new) = job.kind else { throw .notFound("no number swap for this customer") }
    let state = job.state(at: clock.now)
    var body: [String: JSONValue] = ["customerId": .string(c.customerId), "status": .string(state.rawValue)]
    body["oldMdn"] = old.map(JSONValue.string)
    if state == .completed { body["newMdn"] = .string(new) }
    return .object(body)
  }

  func generateOtp(_ a: SimSwapGenerateOtpEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    let c = try activeCustomer(a.customerId, for: "swap the SIM")
    lineBook.issueOTP(for: c.customerId, at: clock.now)
    return ["otpSent": true, "expiresInSeconds": 300]
  }

  func performSimSwap(_ a: SimSwapPerformEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    let c = try activeCustomer(a.customerId, for: "swap the SIM")
    try lineBook.useOTP(a.otp, for: c.customerId, at: clock.now)
    let job = try startJob(
      .simSwap(iccId: a.newIccId, imei: a.imei), customerId: c.customerId,
      prefix: "SIMSWAP")
    return ["id": .string(job.id), "status": "IN_PROGRESS"]
  }

  func simSwapStatus(_ a: SimSwapStatusEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    let id = a.id
    guard let job = lineBook.jobs[id], case .simSwap(let iccId, _) = job.kind else {
      throw .notFound("no SIM swap with this id")
    }
    let state = job.state(at: clock.now)
    let current = lineBook[job.customerId]?.iccId
    return [
      "id": .string(id), "customerId": .string(job.customerId), "status": .string(state.rawValue),
      "iccId": (state == .completed ? iccId ?? current : current).map(JSONValue.string) ?? .null,
    ]
  }

  func swapSim(_ a: SimSwapEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    let c = try activeCustomer(a.customerId, for: "swap the SIM")
    let new = a.newIccId
    if iccidInUse(new) { throw .conflict("this SIM is already in use on a line") }
    lineBook[c.customerId]?.iccId = new
    numbers.holdIccid(new, for: c.customerId)
    lineBook[c.customerId]?.simType = "PSIM"
    return [
      "customerId": .string(c.customerId), "iccId": .string(new),
      "oldIccId": c.iccId.map(JSONValue.string) ?? .null,
    ]
  }

  func reset(_ a: CustomerResetEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    let c = try activeCustomer(a.customerId, for: "reset the account")
    let job = try startJob(.reset, customerId: c.customerId, prefix: "RESET")
    return ["transactionId": .string(job.id), "status": "IN_PROGRESS"]
  }

  func resetStatus(_ a: CustomerResetStatusEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    let c = try customer(a.customerId)
    let job = try latestJob(c.customerId) { if case .reset = $0 { true } else { false } }
    return [
      "customerId": .string(c.customerId), "transactionId": .string(job.id),
      "status": .string(job.state(at: clock.now).rawValue),
    ]
  }

  func sendSms(_ a: SubscriberSendSmsEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    _ = try activeCustomer(a.customerId, for: "send an SMS")
    return ["messageId": .string(nextID("SMS")), "sent": true]
  }
}
