import ReachCatalogue
import ReachEndpoints

/// Everything the sandbox knows. Time-driven changes are applied lazily: every call first
/// settles what the clock says has happened since the last one.
///
/// A plain actor on Swift's default executor, never a NIO event loop: the server's request tasks
/// await it, so the state file's SQLite writes (`commit`) never block a loop that serves sockets.
actor SandboxState {
  let clock: any SandboxClock
  let options: SandboxOptions
  var generator: SeededGenerator
  /// Per API key: the second of sandbox time counted, and the calls in it.
  var rateWindows: [String: (window: Int, count: Int)] = [:]
  /// The sandbox's own URL, for hosted page links.
  var baseURL: String

  /// Where the state is kept across restarts (`--state`); nil keeps it in memory only.
  let store: SandboxStore?

  /// The lines (the platform's customers).
  var lineBook = LineBook()
  /// Purchases, and the new ones of each clientAccountId.
  var purchaseBook = PurchaseBook()
  /// Cards and add-card links.
  var cardBook = CardBook()
  /// Bills and invoices.
  var billing = BillingBook()
  /// Top-ups bought.
  var topupBook = TopupBook()
  /// What falls due when: `settle` pops only what the clock has reached.
  var deadlines = DeadlineQueue<SandboxDue>()
  /// The standalone sandbox's background work (`SandboxDueWork`), rung when work is scheduled
  /// before `alarmTime`, the time it sleeps until (nil: until rung).
  var alarm: DueAlarm?
  var alarmTime: SandboxTime?
  /// Callbacks (4.2) due to the webhook, oldest first.
  var outbox: [JSONValue] = []
  /// ILD credit per groupId.
  var ildBook = ILDBook()
  /// Open quotes of ILD credit, top-ups and IR packs.
  var quoteBook = QuoteBook()
  /// IR packs bought.
  var roaming = RoamingBook()
  var audit: AuditLog
  var counter = 0
  /// The numbers and SIMs lines hold.
  var numbers = NumberPool()

  /// - Parameter store: The state file to resume from and save to; nil for none.
  init(
    clock: any SandboxClock, baseURL: String, options: SandboxOptions = SandboxOptions(), store: SandboxStore? = nil
  ) {
    self.clock = clock
    self.options = options
    generator = SeededGenerator(seed: options.seed)
    self.baseURL = baseURL
    self.store = store
    counter = options.idBase
    audit = AuditLog(kept: options.auditKept)
    if let store {
      let restored = store.restored
      lineBook = restored.lineBook
      purchaseBook = restored.purchaseBook
      cardBook = restored.cardBook
      billing = restored.billing
      topupBook = restored.topupBook
      ildBook = restored.ildBook
      quoteBook = restored.quoteBook
      roaming = restored.roaming
      audit = AuditLog(
        kept: options.auditKept, persisted: true, restored: restored.audit, sequence: restored.auditSequence)
      counter = restored.counter
      numbers = restored.numbers
      if let state = restored.generator { generator = SeededGenerator(state: state) }
      deadlines = restored.deadlines
      lineBook.track(true)
      purchaseBook.track(true)
      cardBook.track(true)
      billing.track(true)
      topupBook.track(true)
      ildBook.track(true)
      quoteBook.track(true)
      roaming.track(true)
    }
    if options.customers > 0 {
      let activated = clock.now.iso8601
      lineBook.reserveCapacity(options.customers)
      // With a state file, subscribers that are already there keep the state they reached.
      for index in 1...options.customers where lineBook[SandboxPopulation.customerId(index)] == nil {
        let customer = SandboxPopulation.customer(index, activated: activated)
        lineBook.add(customer)
      }
    }
  }

  func setBaseURL(_ url: String) { baseURL = url }

  /// A new id: `prefix` and a six-digit sequence number, unique across the sandbox.
  func nextID(_ prefix: String) -> String {
    counter += 1
    let digits = String(counter)
    return prefix + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
  }

  func customer(_ id: String) throws(SandboxError) -> SandboxCustomer {
    guard let customer = lineBook[id] else { throw .notFound("no customer with this customerId") }
    return customer
  }

  func card(_ id: String) throws(SandboxError) -> SandboxCard {
    guard let card = cardBook[id] else { throw .notFound("no card with this id") }
    return card
  }

  /// Applies every change due by `now`, in the order it fell due; returns how many there were.
  @discardableResult func settle() -> Int {
    let now = clock.now
    var settled = 0
    while let due = deadlines.popDue(by: now) {
      settled += 1
      switch due {
      case .purchase(let id): settlePurchase(id, at: now)
      case .customer(let id): settleCustomer(id, at: now)
      case .planChange(let id): settlePlanChange(id, at: now)
      case .scheduledPlan(let id): settleScheduledPlan(id, at: now)
      case .job(let id): settleJob(id, at: now)
      case .leaving(let id): settleLeaving(id, at: now)
      case .ildCall(let groupId): settleILDCall(groupId, at: now)
      case .irPack(let id): settleIRPack(id, at: now)
      case .usage(let id): settleUsageAlarm(id, at: now)
      }
    }
    armUsageAlarms()
    return settled
  }

  /// Queues `due` for `time`, and wakes the background work when it falls due before the time
  /// that work sleeps until.
  func schedule(_ due: SandboxDue, at time: SandboxTime) {
    deadlines.insert(due, due: time)
    if let alarm, alarmTime.map({ time < $0 }) ?? true {
      alarmTime = time
      alarm.ring()
    }
  }

  /// Hands the background work its alarm (nil when it stops).
  func setAlarm(_ alarm: DueAlarm?) {
    self.alarm = alarm
    alarmTime = nil
  }

  func settlePurchase(_ id: String, at now: SandboxTime) {
    guard var purchase = purchaseBook[id], !purchase.settled else { return }
    switch purchase.state(at: now) {
    case .completed: complete(&purchase, at: now)
    case .failed: fail(purchase)
    default: return
    }
    purchase.settled = true
    purchaseBook.store(purchase)
  }

  /// Lands a customer's pending change if it is due (a stale entry for a replaced one is a no-op).
  func settleCustomer(_ id: String, at now: SandboxTime) {
    guard let pending = lineBook[id]?.pending, pending.at <= now else { return }
    // The line's data up to the change counts with the status it had until then.
    meterData(id, to: pending.at)
    guard var updated = lineBook[id] else { return }
    updated.pending = nil
    updated.status = pending.target
    switch pending.target {
    case .disconnected:
      disconnect(&updated)
    case .active where updated.activationDate == nil:
      updated.activationDate = pending.at.iso8601
      if let port = updated.portIn {
        updated.mobileNo = port.numberToPort
        numbers.hold(port.numberToPort)
      }
      if updated.mobileNo == nil { updated.mobileNo = numbers.allocate(prefix: NumberPool.activatedPrefix) }
      updated.activationMsg = nil
    case .active where updated.mobileNo == nil:
      // A reconnected line: its number was released on disconnect (Scenario I); the guide does
      // not say which number a reconnect gives, so (assumption) it is a new one.
      updated.mobileNo = numbers.allocate(prefix: NumberPool.activatedPrefix)
    case .activationFailed, .portingFailed:
      updated.activationMsg = pending.message
    default: break
    }
    lineBook[id] = updated
    if let transactionId = pending.transactionId {
      var callback: [String: JSONValue] = [
        "type": .string(CallbackType.activation.rawValue), "transactionId": .string(transactionId),
        "customerId": .string(id), "status": .int(updated.status.rawValue),
      ]
      callback["mobileNo"] = updated.mobileNo.map(JSONValue.string)
      outbox.append(.object(callback))
    }
  }

  /// Settles, then takes the callbacks due.
  func settleAndTakeOutbox() -> [JSONValue] {
    settle()
    return takeOutbox()
  }

  /// The callbacks due, removed from the outbox.
  func takeOutbox() -> [JSONValue] {
    defer { outbox = [] }
    return outbox
  }

  func record(
    method: String, path: String, endpointID: String, customerId: String?, outcome: String
  ) {
    audit.record(
      time: clock.now.iso8601, method: method, path: path, endpointID: endpointID, customerId: customerId,
      outcome: outcome)
  }

  /// The audit entries kept in memory, and how many came before them.
  func auditLog() -> (entries: [AuditEntry], omitted: Int) { (audit.entries, audit.omitted) }
}
