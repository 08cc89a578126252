import ReachCatalogue

/// A line's mobile data in its current 30-day cycle, metered up to `meteredAt`.
struct SandboxDataMeter: Sendable, Codable {
  var cycleStart: SandboxTime
  var meteredAt: SandboxTime
  var usedGB: Double
  /// The highest threshold (`thresholds`) a USAGE_NOTIFICATION has been sent for in this cycle.
  var notifiedPercent: Int? = nil
  /// When the line's usage next crosses a threshold or its cycle ends, as the line is now: the
  /// `.usage` work due then (nil: none, the line is not using data).
  var alarmAt: SandboxTime? = nil

  /// An ACTIVE line whose data is not cut off uses 0.5 GB a day of sandbox time.
  static let gbPerDay = 0.5
  static let cycle = Duration.seconds(30 * 86_400)
  /// Section 4.1: USAGE_NOTIFICATION, "Data threshold reached (e.g. 80%, 100% of plan)". The
  /// sandbox sends one at each of the two thresholds the guide names, once per cycle.
  static let thresholds = [80, 100]
}

/// `usage.summary`: data, ILD and IR usage, from the same state that `customerinfo`, `ild.*` and
/// `roaming.*` show.
extension SandboxState {
  /// Brings a line's data meter up to `time`, with the status, cut-off and plan it has now. Every
  /// change of those meters first, so each stretch of time counts with what held during it.
  /// A stretch that crosses a threshold sends its USAGE_NOTIFICATION (dated when it was crossed);
  /// the line's next crossing is then re-armed (`armUsageAlarms`).
  func meterData(_ id: String, to time: SandboxTime) {
    guard let c = lineBook[id] else { return }
    usageChanged.insert(id)
    guard let activated = c.activationDate.flatMap(SandboxTime.init(iso8601:)) else { return }
    var meter = dataMeters[id] ?? SandboxDataMeter(cycleStart: activated, meteredAt: activated, usedGB: 0)
    guard meter.meteredAt < time else { return }
    let using = c.status == .active && !c.dataCutOff
    let allowance = dataAllowanceGB(c)
    while meter.meteredAt < time {
      let cycleEnd = meter.cycleStart.adding(SandboxDataMeter.cycle)
      let until = min(time, cycleEnd)
      if using {
        let start = meter.meteredAt
        let before = meter.usedGB
        meter.usedGB += SandboxDataMeter.gbPerDay * (until.seconds - start.seconds) / 86_400
        if allowance > 0 {
          meter.usedGB = min(meter.usedGB, allowance)
          for percent in SandboxDataMeter.thresholds where percent > (meter.notifiedPercent ?? 0) {
            let mark = allowance * Double(percent) / 100
            // A hair of tolerance: the alarm lands on a whole second at or after the crossing.
            guard meter.usedGB >= mark - 1e-9 else { break }
            let seconds = max(0, mark - before) / SandboxDataMeter.gbPerDay * 86_400
            let at = SandboxTime(seconds: min(until.seconds, start.seconds + seconds))
            outbox.append(usageNotification(c, percent: percent, used: mark, allowance: allowance, at: at))
            meter.notifiedPercent = percent
          }
        }
      }
      meter.meteredAt = until
      if until == cycleEnd {
        meter.cycleStart = cycleEnd
        meter.usedGB = 0
        meter.notifiedPercent = nil
      }
    }
    dataMeters[id] = meter
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
    guard !usageChanged.isEmpty else { return }
    let lines = usageChanged
    let now = clock.now
    for id in lines { meterData(id, to: now) }
    usageChanged = []
    for id in lines {
      guard let c = lineBook[id], var meter = dataMeters[id] else { continue }
      var next: SandboxTime?
      let allowance = dataAllowanceGB(c)
      if c.status == .active, !c.dataCutOff, allowance > 0 {
        let cycleEnd = meter.cycleStart.adding(SandboxDataMeter.cycle)
        next = cycleEnd
        if let percent = SandboxDataMeter.thresholds.first(where: { $0 > (meter.notifiedPercent ?? 0) }) {
          let gb = max(0, allowance * Double(percent) / 100 - meter.usedGB)
          let crossing = SandboxTime(
            seconds: (meter.meteredAt.seconds + gb / SandboxDataMeter.gbPerDay * 86_400).rounded(.up))
          next = min(crossing, cycleEnd)
        }
      }
      guard meter.alarmAt != next else { continue }
      meter.alarmAt = next
      dataMeters[id] = meter
      if let next { schedule(.usage(id), at: next) }
    }
  }

  /// A line's usage alarm rings: its data is metered up to then (sending what it crossed), and the
  /// next alarm is set. A stale alarm (the line changed since) does nothing.
  func settleUsageAlarm(_ id: String, at now: SandboxTime) {
    guard let at = dataMeters[id]?.alarmAt, at <= now else { return }
    dataMeters[id]?.alarmAt = nil
    meterData(id, to: at)
  }

  /// Used, allowance (0: unlimited; the plan's data and the line's top-ups, as `customerinfo`'s
  /// `dataAllowanceGB`) and the cycle, in GB, as of now.
  func dataUsage(_ c: SandboxCustomer) -> (used: Double, allowance: Double, start: SandboxTime, end: SandboxTime) {
    meterData(c.customerId, to: clock.now)
    let allowance = dataAllowanceGB(c)
    guard let meter = dataMeters[c.customerId] else {
      return (0, allowance, clock.now, clock.now.adding(SandboxDataMeter.cycle))
    }
    return (
      (meter.usedGB * 1000).rounded() / 1000, allowance, meter.cycleStart,
      meter.cycleStart.adding(SandboxDataMeter.cycle)
    )
  }

  func usageSummary(_ a: [String: JSONValue]) throws(SandboxError) -> JSONValue {
    let c = try customer(a["customerId"])
    let kind = a["usageData"]?.stringValue ?? "DATA"
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
      let active = customerIRPurchases(c.customerId).filter { $0.state == .active }
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
