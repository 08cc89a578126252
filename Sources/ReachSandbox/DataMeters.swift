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

/// The lines' mobile data use: part of the `LineBook`, owning the data meters and the rules that
/// need only a line and its meter: metering a stretch of time with what the line is now, the
/// thresholds it crosses, and when its usage alarm rings next. Sending a crossing's
/// USAGE_NOTIFICATION and scheduling an alarm are the actor's.
struct DataMeters: Sendable {
  /// Meters by customerId (their rows in the state file).
  private(set) var meters = TrackedTable<SandboxDataMeter>()
  /// The lines whose data use may have changed course since their usage alarm was set.
  private(set) var changed: Set<String> = []

  /// A threshold a line's data use crossed: `percent` of `allowance` GB (`used`), at `at`.
  struct Crossing: Sendable {
    var percent: Int
    var used: Double
    var allowance: Double
    var at: SandboxTime
  }

  init() {}

  init(meters: TrackedTable<SandboxDataMeter>) { self.meters = meters }

  /// Turns change tracking on or off (on with a state file).
  mutating func track(_ on: Bool) { meters.tracking = on }

  /// Once the changes are saved.
  mutating func forgetChanges() { meters.forgetChanges() }

  subscript(customerId: String) -> SandboxDataMeter? { meters[customerId] }

  /// Brings line `c`'s data meter up to `time`, with the status, cut-off and plan it has now. Every
  /// change of those meters first, so each stretch of time counts with what held during it.
  /// Returns the thresholds the stretch crossed, in order (each is dated when it was crossed); the
  /// line's next crossing is then re-armed (`rearm`).
  mutating func meter(_ c: SandboxCustomer, to time: SandboxTime) -> [Crossing] {
    let id = c.customerId
    changed.insert(id)
    guard let activated = c.activationDate.flatMap(SandboxTime.init(iso8601:)) else { return [] }
    var meter = meters[id] ?? SandboxDataMeter(cycleStart: activated, meteredAt: activated, usedGB: 0)
    guard meter.meteredAt < time else { return [] }
    let using = c.status == .active && !c.dataCutOff
    let allowance = c.dataAllowanceGB
    var crossings: [Crossing] = []
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
            crossings.append(Crossing(percent: percent, used: mark, allowance: allowance, at: at))
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
    meters[id] = meter
    return crossings
  }

  /// Once each changed line is metered and re-armed.
  mutating func forgetChangedLines() { changed = [] }

  /// Sets line `c`, metered up to now, to wake when its usage next crosses a threshold (or its
  /// cycle ends, which starts the thresholds over). A line that uses no data (not ACTIVE, cut off,
  /// unlimited) has no alarm until it changes again. Returns the new alarm's time when it changed
  /// (the caller schedules it), nil otherwise.
  mutating func rearm(_ c: SandboxCustomer) -> SandboxTime? {
    guard var meter = meters[c.customerId] else { return nil }
    var next: SandboxTime?
    let allowance = c.dataAllowanceGB
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
    guard meter.alarmAt != next else { return nil }
    meter.alarmAt = next
    meters[c.customerId] = meter
    return next
  }

  /// Line `id`'s usage alarm rings if it is due by `now`: returns the time it was set for (the
  /// caller meters the line up to then), nil for none or a stale one.
  mutating func ring(_ id: String, at now: SandboxTime) -> SandboxTime? {
    guard let at = meters[id]?.alarmAt, at <= now else { return nil }
    meters[id]?.alarmAt = nil
    return at
  }
}
