import Foundation

/// What a state file held, decoded: the records, the audit log, the id counter and the fault
/// generator; the indexes and the deadline queue are rebuilt from the records, so pending work
/// (payments processing, activations, lifecycle changes, plan changes immediate or scheduled, swaps)
/// resumes.
struct SandboxRestored: Sendable {
  var lineBook = LineBook()
  var purchaseBook = PurchaseBook()
  var cardBook = CardBook()
  var billing = BillingBook()
  var topupBook = TopupBook()
  var ildBook = ILDBook()
  var quoteBook = QuoteBook()
  var roaming = RoamingBook()
  var audit: [AuditEntry] = []
  /// The number of the last audit entry the file holds (`audit` is the most recent of them).
  var auditSequence = 0
  var counter = 0
  var numbers = NumberPool()
  var generator: UInt64?
  var deadlines = DeadlineQueue<SandboxDue>()

  init(_ snapshot: SandboxSnapshot, path: String) throws(SandboxStoreError) {
    do {
      lineBook = LineBook(
        lines: TrackedTable(try snapshot.decoded(.customer, as: SandboxCustomer.self)),
        planChanges: TrackedTable(try snapshot.decoded(.planChange, as: SandboxPlanChange.self)),
        jobs: TrackedTable(try snapshot.decoded(.job, as: SandboxJob.self)),
        otps: TrackedTable(try snapshot.decoded(.otp, as: SandboxTime.self)),
        shipments: TrackedTable(try snapshot.decoded(.shipment, as: SandboxShipment.self)),
        dataMeters: TrackedTable(try snapshot.decoded(.dataMeter, as: SandboxDataMeter.self)))
      purchaseBook = PurchaseBook(purchases: TrackedTable(try snapshot.decoded(.purchase, as: SandboxPurchase.self)))
      cardBook = CardBook(
        cards: TrackedTable(try snapshot.decoded(.card, as: SandboxCard.self)),
        links: TrackedTable(try snapshot.decoded(.cardLink, as: SandboxCardLink.self)))
      billing = BillingBook(bills: TrackedTable(try snapshot.decoded(.bill, as: SandboxBill.self)))
      topupBook = TopupBook(topups: TrackedTable(try snapshot.decoded(.topup, as: SandboxTopup.self)))
      ildBook = ILDBook(
        accounts: TrackedTable(try snapshot.decoded(.ildAccount, as: SandboxILDAccount.self)))
      quoteBook = QuoteBook(quotes: TrackedTable(try snapshot.decoded(.quote, as: SandboxQuote.self)))
      roaming = RoamingBook(
        purchases: TrackedTable(try snapshot.decoded(.irPurchase, as: SandboxIRPurchase.self)))
    } catch {
      throw .unreadable(path: path, reason: "a record does not decode (\(error)); start with a new file")
    }
    audit = snapshot.audit
    auditSequence = snapshot.auditSequence
    counter = snapshot.meta["counter"].flatMap(Int.init) ?? 0
    numbers = NumberPool(
      sequence: snapshot.meta["mdnSequence"].flatMap(Int.init) ?? 0, customers: lineBook.lines,
      jobs: lineBook.jobs.table)
    generator = snapshot.meta["generator"].flatMap(UInt64.init)

    // Indexes and deadlines, in creation order (ids carry the sandbox-wide sequence number).
    var due: [(time: SandboxTime, order: Int, item: SandboxDue)] = []
    for purchase in PurchaseBook.inCreationOrder(purchaseBook.purchases) {
      if !purchase.settled, let paidAt = purchase.paidAt {
        due.append(
          (
            paidAt.adding(SandboxPurchase.processingDelay), Self.order(purchase.transactionId),
            .purchase(purchase.transactionId)
          ))
      }
    }
    for customer in lineBook.lines.values {
      if let pending = customer.pending {
        due.append(
          (pending.at, Self.order(pending.transactionId ?? customer.customerId), .customer(customer.customerId)))
      }
      if customer.scheduledPlanId != nil, let at = customer.scheduledPlanAt {
        due.append((at, Self.order(customer.customerId), .scheduledPlan(customer.customerId)))
      }
      if let leaving = customer.leaving, !leaving.applied {
        due.append((leaving.effectiveAt, Self.order(customer.customerId), .leaving(customer.customerId)))
      }
    }
    for change in lineBook.planChanges.inCreationOrder where !change.applied {
      due.append((change.dueAt, Self.order(change.id), .planChange(change.id)))
    }
    for job in lineBook.jobs.inCreationOrder where !job.applied {
      due.append((job.dueAt, Self.order(job.id), .job(job.id)))
    }
    for account in ildBook.accounts.values {
      if let next = account.nextCall { due.append((next, Self.order(account.groupId), .ildCall(account.groupId))) }
    }
    for purchase in RoamingBook.inCreationOrder(roaming.purchases) {
      if let next = purchase.nextDue {
        due.append((next, Self.order(purchase.purchaseId), .irPack(purchase.purchaseId)))
      }
    }
    for (id, meter) in lineBook.usage.meters {
      if let alarm = meter.alarmAt { due.append((alarm, Self.order(id), .usage(id))) }
    }
    for entry in due.sorted(by: { ($0.time, $0.order) < ($1.time, $1.order) }) {
      deadlines.insert(entry.item, due: entry.time)
    }
  }

  /// The sequence number at the end of an id made by `nextID`.
  static func order(_ id: String) -> Int { Int(String(id.reversed().prefix { $0.isNumber }.reversed())) ?? 0 }
}

/// `--state`: writing each request's changes to the state file.
extension SandboxState {
  /// Writes what changed since the last commit to the state file, if there is one.
  func commit() throws(SandboxStoreError) {
    guard let store else { return }
    var changes = SandboxChanges()
    let encoder = JSONEncoder()
    do {
      func take<Value: Encodable & Sendable>(_ kind: SandboxRecordKind, _ table: TrackedTable<Value>) throws {
        for (id, value) in table.changes() {
          changes.records.append((kind, id, try value.map { try encoder.encode($0) }))
        }
      }
      try take(.customer, lineBook.lines)
      try take(.purchase, purchaseBook.purchases)
      try take(.card, cardBook.cards)
      try take(.cardLink, cardBook.links)
      try take(.bill, billing.bills)
      try take(.planChange, lineBook.planChanges.table)
      try take(.job, lineBook.jobs.table)
      try take(.topup, topupBook.topups)
      try take(.shipment, lineBook.shipments)
      try take(.otp, lineBook.otps)
      try take(.ildAccount, ildBook.accounts)
      try take(.quote, quoteBook.quotes)
      try take(.irPurchase, roaming.purchases)
      try take(.dataMeter, lineBook.usage.meters)
    } catch {
      throw .unwritable(path: store.path, reason: "\(error)")
    }
    changes.audit = audit.unsaved
    changes.meta = [
      ("counter", String(counter)), ("mdnSequence", String(numbers.sequence)), ("generator", String(generator.state)),
      ("clock", String(clock.now.seconds)),
    ]
    do {
      try store.save(changes)
    } catch {
      throw .unwritable(path: store.path, reason: "\(error)")
    }
    audit.markSaved()
    lineBook.forgetChanges()
    purchaseBook.forgetChanges()
    cardBook.forgetChanges()
    billing.forgetChanges()
    topupBook.forgetChanges()
    ildBook.forgetChanges()
    quoteBook.forgetChanges()
    roaming.forgetChanges()
  }
}
