import ReachCatalogue
import ReachEndpoints

/// `usage.summary`: data, ILD and IR usage, from the same state that `customerinfo`, `ild.*` and
/// `roaming.*` show.
extension SandboxState {
  /// Brings a line's data meter up to `time` (see `DataMeters.meter`). A stretch that crosses a
  /// threshold sends its USAGE_NOTIFICATION (dated when it was crossed); the line's next crossing
  /// is then re-armed (`armUsageAlarms`).
  func meterData(_ id: String, to time: SandboxTime) {
    guard let c = lineBook[id] else { return }
    for crossing in lineBook.usage.meter(c, to: time) {
      outbox.append(
        usageNotification(
          c, percent: crossing.percent, used: crossing.used, allowance: crossing.allowance, at: crossing.at))
    }
  }

  /// The USAGE_NOTIFICATION (4.1) of a line that reached `percent` of its allowance at `at`.
  func usageNotification(
    _ c: SandboxCustomer, percent: Int, used: Double, allowance: Double, at: SandboxTime
  ) -> JSONValue {
    var body: [String: JSONValue] = [
      "eventType": .string(NotificationType.usage.rawValue), "eventId": .string(nextID("EVT")),
      "customerId": .string(c.customerId), "timestamp": .string(at.iso8601), "usagePercent": .int(percent),
      "usageData": "DATA", "used": .double((used * 1000).rounded() / 1000), "allowance": .double(allowance),
    ]
    body["mobileNo"] = c.mobileNo.map(JSONValue.string)
    return .object(body)
  }

  /// Sets each line whose data use changed since the last call to wake when its usage next
  /// crosses a threshold (or its cycle ends, which starts the thresholds over): the background
  /// work then meters it and the crossing sends its notification with no request needed. A line
  /// that uses no data (not ACTIVE, cut off, unlimited) has no alarm until it changes again.
  func armUsageAlarms() {
    let lines = lineBook.usage.changed
    guard !lines.isEmpty else { return }
    let now = clock.now
    for id in lines { meterData(id, to: now) }
    lineBook.usage.forgetChangedLines()
    for id in lines {
      guard let c = lineBook[id], let next = lineBook.usage.rearm(c) else { continue }
      schedule(.usage(id), at: next)
    }
  }

  /// A line's usage alarm rings: its data is metered up to then (sending what it crossed), and the
  /// next alarm is set. A stale alarm (the line changed since) does nothing.
  func settleUsageAlarm(_ id: String, at now: SandboxTime) {
    guard let at = lineBook.usage.ring(id, at: now) else { return }
    meterData(id, to: at)
  }

  /// Used, allowance (0: unlimited; the plan's data and the line's top-ups, as `customerinfo`'s
  /// `dataAllowanceGB`) and the cycle, in GB, as of now.
  func dataUsage(_ c: SandboxCustomer) -> (used: Double, allowance: Double, start: SandboxTime, end: SandboxTime) {
    meterData(c.customerId, to: clock.now)
    let allowance = c.dataAllowanceGB
    guard let meter = lineBook.usage[c.customerId] else {
      return (0, allowance, clock.now, clock.now.adding(SandboxDataMeter.cycle))
    }
    return (
      (meter.usedGB * 1000).rounded() / 1000, allowance, meter.cycleStart,
      meter.cycleStart.adding(SandboxDataMeter.cycle)
    )
  }

  func usageSummary(_ a: UsageSummaryEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    let c = try customer(a.customerId)
    let kind = a.usageData
    let now = clock.now
    let used: Double
    let allowance: Double
    let remaining: Double
    let unit: String
    var start = now
    var end = now
    switch kind {
    case "ILD":
      let account = ildBook[c.groupId]
      (used, allowance, remaining, unit) = (account?.spent ?? 0, account?.bought ?? 0, account?.balance ?? 0, "USD")
      if let first = account?.purchases.first.flatMap({ SandboxTime(iso8601: $0.date) }) { start = first }
    case "IR":
      let active = roaming.purchases(of: c.customerId).filter { $0.state == .active }
      let allowanceMB = active.reduce(0) { $0 + (SandboxProducts.irPack($1.packId)?.dataMB ?? 0) }
      let remainingMB = active.reduce(0) { $0 + $1.remainingDataMB }
      func gb(_ mb: Int) -> Double { (Double(mb) / 1024 * 1000).rounded() / 1000 }
      (used, allowance, remaining, unit) = (gb(allowanceMB - remainingMB), gb(allowanceMB), gb(remainingMB), "GB")
      if let first = active.map(\.start).min(), let last = active.map(\.end).max() {
        start = first
        end = SandboxTime(seconds: last.seconds - 1)
      }
    default:
      let data = dataUsage(c)
      used = data.used
      allowance = data.allowance
      remaining = data.allowance > 0 ? ((data.allowance - data.used) * 1000).rounded() / 1000 : 0
      unit = "GB"
      start = data.start
      end = SandboxTime(seconds: data.end.seconds - 1)
    }
    return [
      "customerId": .string(c.customerId), "usageData": .string(kind), "used": .double(used),
      "allowance": .double(allowance), "remaining": .double(remaining), "unit": .string(unit),
      "periodStart": .string(start.date), "periodEnd": .string(end.date),
    ]
  }
}

extension SandboxTime {
  /// `2026-11-23T11:05:51Z` (as `iso8601` writes it); nil for anything else.
  init?(iso8601 text: String) {
    guard text.count == 20, text.hasSuffix("Z"), let day = SandboxTime(date: String(text.prefix(10))) else {
      return nil
    }
    let clock = text.dropFirst(11).dropLast().split(separator: ":").compactMap { Int($0) }
    guard clock.count == 3 else { return nil }
    self.init(seconds: day.seconds + Double(clock[0] * 3600 + clock[1] * 60 + clock[2]))
  }
}
