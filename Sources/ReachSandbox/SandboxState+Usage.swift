import ReachCatalogue

/// A line's mobile data in its current 30-day cycle, metered up to `meteredAt`.
struct SandboxDataMeter: Sendable, Codable {
  var cycleStart: SandboxTime
  var meteredAt: SandboxTime
  var usedGB: Double

  /// An ACTIVE line whose data is not cut off uses 0.5 GB a day of sandbox time.
  static let gbPerDay = 0.5
  static let cycle = Duration.seconds(30 * 86_400)
}

/// `usage.summary`: data, ILD and IR usage, from the same state that `customerinfo`, `ild.*` and
/// `roaming.*` show.
extension SandboxState {
  /// Brings a line's data meter up to `time`, with the status, cut-off and plan it has now. Every
  /// change of those meters first, so each stretch of time counts with what held during it.
  func meterData(_ id: String, to time: SandboxTime) {
    guard let c = customers[id], let activated = c.activationDate.flatMap(SandboxTime.init(iso8601:)) else { return }
    var meter = dataMeters[id] ?? SandboxDataMeter(cycleStart: activated, meteredAt: activated, usedGB: 0)
    guard meter.meteredAt < time else { return }
    let using = c.status == .active && !c.dataCutOff
    let allowance = dataAllowanceGB(c)
    while meter.meteredAt < time {
      let cycleEnd = meter.cycleStart.adding(SandboxDataMeter.cycle)
      let until = min(time, cycleEnd)
      if using {
        meter.usedGB += SandboxDataMeter.gbPerDay * (until.seconds - meter.meteredAt.seconds) / 86_400
        if allowance > 0 { meter.usedGB = min(meter.usedGB, allowance) }
      }
      meter.meteredAt = until
      if until == cycleEnd {
        meter.cycleStart = cycleEnd
        meter.usedGB = 0
      }
    }
    dataMeters[id] = meter
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
      let account = ildAccounts[c.groupId]
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
