import Hummingbird
import ReachCatalogue

/// `POST /__sandbox/trigger/{EVENT}?customerId=…`: sends one notification event of 4.1 to
/// `{webhook}/apisvc/v0/notification`, as `reach sandbox trigger` will.
extension SandboxResponder {
  func trigger(event: String, customerId: String?, path: String) async throws(SandboxError) -> SandboxAnswer {
    guard let type = NotificationType(rawValue: event) else {
      let known = NotificationType.allCases.map(\.rawValue).joined(separator: ", ")
      throw .notFound("no notification event '\(event)'; the events are \(known)")
    }
    guard let webhook else { throw .conflict("the sandbox has no webhook to send notifications to") }
    let body = try await state.notification(type, customerId: customerId)
    let report = await webhook.send(body, to: webhook.notificationURL)
    await state.record(
      method: "POST", path: path, endpointID: "sandbox.trigger", customerId: customerId,
      outcome: "delivered \(report.status)")
    return Self.json(
      200, ["event": body, "webhookStatus": .int(report.status), "attempts": .int(report.attempts)])
  }
}

extension SandboxState {
  /// The body of a notification event for a customer, with the fields its type needs.
  func notification(_ type: NotificationType, customerId: String?) throws(SandboxError) -> JSONValue {
    settle()
    defer { armUsageAlarms() }
    guard let customerId else { throw .notFound("no customer with this customerId") }
    let c = try customer(customerId)
    var body: [String: JSONValue] = [
      "eventType": .string(type.rawValue), "eventId": .string(nextID("EVT")), "customerId": .string(c.customerId),
      "timestamp": .string(clock.now.iso8601),
    ]
    body["mobileNo"] = c.mobileNo.map(JSONValue.string)
    switch type {
    case .usage:
      // The line's data use now: the share of a capped plan's allowance (0 on an unlimited plan).
      let data = dataUsage(c)
      body["usagePercent"] = .int(data.allowance > 0 ? Int((data.used / data.allowance * 100).rounded(.down)) : 0)
      body["usageData"] = "DATA"
      body["used"] = .double(data.used)
      body["allowance"] = .double(data.allowance)
    case .imeiChange:
      body["oldImei"] = c.imei.map(JSONValue.string) ?? .null
      body["newImei"] = .string(MagicValues.notificationImei)
      lineBook[c.customerId]?.imei = MagicValues.notificationImei
    case .portOut:
      body["gainingCarrier"] = "Sandbox Mobile"
    case .portOutConfirmed:
      body["gainingCarrier"] = "Sandbox Mobile"
      meterData(c.customerId, to: clock.now)
      if var line = lineBook[c.customerId] {
        disconnect(&line)
        lineBook[c.customerId] = line
      }
    }
    return .object(body)
  }
}
