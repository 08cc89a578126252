import ReachCatalogue
import ReachEndpoints

/// The lines of service (the platform's customers): one part of `SandboxState`, owning the line
/// table, the index of the groups that have lines, the lines' short asynchronous changes (plan
/// changes; swaps and resets: `LineChanges`), SIM-swap codes, the SIM kits shipped to
/// them and their data meters (see `LineBook+Usage.swift`). A line is changed in place through the
/// subscript; one is added with `add`, so its group is indexed. The rules that move a line
/// (activation, port-in, suspend and restore, swaps, plan changes, leaving) also number it,
/// schedule what falls due and send callbacks, so they stay on the actor.
struct LineBook: Sendable {
  /// Lines by customerId (their rows in the state file).
  private(set) var lines = TrackedTable<SandboxCustomer>()
  /// The groups that have lines, for `hasGroup`.
  private var groups = SandboxGroupIndex()
  /// Immediate plan changes by txnId, and each line's, oldest first.
  var planChanges = LineChanges<SandboxPlanChange>()
  /// MDN swaps, SIM swaps and resets by id, and each line's, oldest first.
  var jobs = LineChanges<SandboxJob>()
  /// When each line's SIM-swap code expires.
  private(set) var otps = TrackedTable<SandboxTime>()
  /// SIM kit shipments by orderId, and the latest of each line.
  private(set) var shipments = TrackedTable<SandboxShipment>()
  private var shipmentByLine: [String: String] = [:]
  /// Each line's mobile data use, metered lazily.
  var usage = DataMeters()

  static let otpValidity = Duration.seconds(300)

  init() {}

  /// The book a state file's records imply: the group index rebuilt, and each line's plan changes
  /// and jobs in creation order (ids carry the sandbox-wide sequence number).
  init(
    lines: TrackedTable<SandboxCustomer>, planChanges: TrackedTable<SandboxPlanChange> = TrackedTable(),
    jobs: TrackedTable<SandboxJob> = TrackedTable(), otps: TrackedTable<SandboxTime> = TrackedTable(),
    shipments: TrackedTable<SandboxShipment> = TrackedTable(),
    dataMeters: TrackedTable<SandboxDataMeter> = TrackedTable()
  ) {
    self.lines = lines
    self.planChanges = LineChanges(planChanges)
    self.jobs = LineChanges(jobs)
    self.otps = otps
    self.shipments = shipments
    usage = DataMeters(meters: dataMeters)
    for line in lines.values { groups.insert(line) }
    for shipment in shipments.values.sorted(by: {
      SandboxRestored.order($0.orderId) < SandboxRestored.order($1.orderId)
    }) {
      for line in shipment.customerIds { shipmentByLine[line] = shipment.orderId }
    }
  }

  /// Turns change tracking on or off for every table (on with a state file).
  mutating func track(_ on: Bool) {
    lines.tracking = on
    planChanges.track(on)
    jobs.track(on)
    otps.tracking = on
    shipments.tracking = on
    usage.track(on)
  }

  /// Once the changes are saved.
  mutating func forgetChanges() {
    lines.forgetChanges()
    planChanges.forgetChanges()
    jobs.forgetChanges()
    otps.forgetChanges()
    shipments.forgetChanges()
    usage.forgetChanges()
  }

  /// A line, read or changed in place (never moved to another group). A new line goes through
  /// `add`.
  subscript(customerId: String) -> SandboxCustomer? {
    get { lines[customerId] }
    set { lines[customerId] = newValue }
  }

  var count: Int { lines.count }

  mutating func reserveCapacity(_ capacity: Int) { lines.reserveCapacity(capacity) }

  /// Adds a new line, and its group to the index.
  mutating func add(_ line: SandboxCustomer) {
    lines[line.customerId] = line
    groups.insert(line)
  }

  /// Whether any line belongs to `groupId`.
  func hasGroup(_ groupId: String) -> Bool { groups.contains(groupId, in: lines) }

  // MARK: SIM-swap codes

  /// Sends the line a SIM-swap code, valid for `otpValidity` from `now` (replacing an earlier one).
  mutating func issueOTP(for customerId: String, at now: SandboxTime) {
    otps[customerId] = now.adding(Self.otpValidity)
  }

  /// Uses up the line's SIM-swap code: it must be the one sent and unexpired (400 on `otp`).
  mutating func useOTP(_ code: String?, for customerId: String, at now: SandboxTime) throws(SandboxError) {
    guard let expiry = otps[customerId], now < expiry, code == MagicValues.simSwapOtp else {
      throw .badRequest([
        ArgumentIssue(field: "otp", message: "is not a valid, unexpired code sent by simSwap.generateOtp")
      ])
    }
    otps[customerId] = nil
  }

  // MARK: SIM kit shipments

  func shipment(_ orderId: String) -> SandboxShipment? { shipments[orderId] }

  /// The shipment of a line's SIM, if one was ordered.
  func shipment(of customerId: String) -> SandboxShipment? {
    shipmentByLine[customerId].flatMap { shipments[$0] }
  }

  /// Files a new shipment, the latest of each line whose SIM is in it.
  mutating func file(_ shipment: SandboxShipment) {
    shipments[shipment.orderId] = shipment
    for line in shipment.customerIds { shipmentByLine[line] = shipment.orderId }
  }

  /// A line activated with a physical SIM has its kit: an order still on its way is delivered.
  mutating func deliverKit(of customerId: String, at now: SandboxTime) {
    guard let order = shipment(of: customerId) else { return }
    let state = order.state(at: now)
    guard state == .pending || state == .shipped else { return }
    shipments[order.orderId]?.deliveredAt = now
  }

  /// Cancels shipment `orderId` as of `now` (the caller checks that it is PENDING).
  mutating func cancelShipment(_ orderId: String, at now: SandboxTime) { shipments[orderId]?.cancelledAt = now }
}

extension SandboxCustomer {
  /// The data the line may use: its plan's and its top-ups' (GB); 0 for an unlimited plan.
  var dataAllowanceGB: Double {
    guard let plan = SandboxProducts.plan(planId), plan.dataGB > 0 else { return 0 }
    return plan.dataGB + (topupGB ?? 0)
  }
}
