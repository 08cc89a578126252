import ReachCatalogue
import ReachEndpoints

extension SandboxCustomer {
  /// A port-out or disconnect the brand recorded: on its day the line is disconnected (4).
  struct Leaving: Sendable, Codable {
    var reason: String
    /// `YYYY-MM-DD`, as recorded (today by default).
    var date: String
    /// When the line is disconnected: the start of `date`, or a lifecycle delay after the
    /// request for today or a day already past.
    var effectiveAt: SandboxTime
    var applied: Bool
  }
}

/// `customer.leaving`: the brand records that a subscriber leaves (port-out, disconnect); the line
/// is disconnected on the leaving date, and `customerinfo` shows the reason and the date.
extension SandboxState {
  func recordLeaving(_ a: CustomerLeavingEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    let c = try customer(a.customerId)
    let reason = a.reason
    let date = a.leavingDate ?? clock.now.date
    guard let start = SandboxTime(date: date) else {
      throw .badRequest([.init(field: "leavingDate", message: "must be a date YYYY-MM-DD")])
    }
    let answer: JSONValue = [
      "customerId": .string(c.customerId), "recorded": true, "reason": .string(reason), "leavingDate": .string(date),
    ]
    if let leaving = c.leaving {
      // Recording the same thing again is safe (the endpoint is retry-safe).
      if leaving.reason == reason && leaving.date == date { return answer }
      if leaving.applied {
        throw .conflict(
          "this line already left on \(leaving.date) (\(leaving.reason)); reconnect it before recording a new leaving")
      }
    }
    guard c.status == .active || c.status == .suspended else {
      throw .conflict(
        "only an active or suspended line can leave; this one is \(c.status.name) (\(c.status.rawValue))")
    }
    let effective = max(start, clock.now.adding(LineBook.lifecycleDelay))
    lineBook[c.customerId]?.leaving = SandboxCustomer.Leaving(
      reason: reason, date: date, effectiveAt: effective, applied: false)
    schedule(.leaving(c.customerId), at: effective)
    return answer
  }

  /// Disconnects a leaving line once its day has come (a stale entry for a replaced or withdrawn
  /// leaving is a no-op).
  func settleLeaving(_ id: String, at now: SandboxTime) {
    guard var c = lineBook[id], var leaving = c.leaving, !leaving.applied, leaving.effectiveAt <= now else { return }
    // The line's data up to the disconnection counts with the status it had until then.
    meterData(id, to: leaving.effectiveAt)
    leaving.applied = true
    c.leaving = leaving
    if c.status != .disconnected {
      disconnect(&c)
      // A lifecycle change still in flight is overtaken by the disconnection.
      c.pending = nil
    }
    lineBook[id] = c
  }
}
