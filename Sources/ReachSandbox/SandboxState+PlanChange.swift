import ReachCatalogue
import ReachEndpoints

/// An immediate plan upgrade in flight.
struct SandboxPlanChange: Sendable, Codable {
  var txnId: String
  var customerId: String
  var newPlanId: String
  var createdAt: SandboxTime
  var applied = false

  static let delay = Duration.seconds(60)
}

extension SandboxPlanChange: LineChange {
  var id: String { txnId }
}

/// Scenario F: plan upgrades and downgrades.
extension SandboxState {
  /// The customer and target plan of a change, or why it cannot happen.
  func checkedChange(_ customerId: String, to newPlanId: String, upgrade: Bool) throws(SandboxError) -> (
    SandboxCustomer, SandboxPlan, SandboxPlan
  ) {
    let c = try customer(customerId)
    guard let current = SandboxProducts.plan(c.planId), let target = SandboxProducts.plan(newPlanId) else {
      throw .badRequest([.init(field: "newPlanId", message: "is not a plan's serviceCode (see product.plans)")])
    }
    let allowed = upgrade ? current.upGradableTo : current.downGradableTo
    guard allowed.contains(target.serviceCode) else {
      let list = allowed.isEmpty ? "none" : allowed.joined(separator: ", ")
      throw .badRequest([
        .init(
          field: "newPlanId",
          message: "is not in the current plan's \(upgrade ? "upGradableTo" : "downGradableTo") (\(list))")
      ])
    }
    return (c, current, target)
  }

  /// The next bill cycle: the start (midnight UTC) of the day 30 days from now, when a scheduled
  /// change takes effect.
  func nextCycleStart() -> SandboxTime {
    let later = clock.now.adding(.seconds(30 * 86_400))
    return SandboxTime(seconds: (later.seconds / 86_400).rounded(.down) * 86_400)
  }

  func nextCycle() -> String { nextCycleStart().date }

  func estimatePlanChange(_ a: PlanEstimateChangeEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    let (c, current, target) = try checkedChange(a.customerId, to: a.newPlanId, upgrade: a.isUpgrade)
    let immediate = a.isUpgrade && (a.immediateEffect ?? false)
    let prorated = immediate ? SandboxProducts.rounded((target.baseLinePrice - current.baseLinePrice) / 2) : 0
    return [
      "currentPlanId": .string(c.planId), "newPlanId": .string(target.serviceCode), "proratedCharge": .double(prorated),
      "nextBillAmount": .double(SandboxProducts.rounded(target.baseLinePrice * (1 + SandboxProducts.taxRate))),
      "effectiveDate": .string(immediate ? clock.now.date : nextCycle()),
    ]
  }

  func changePlan(_ a: PlanChangeEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    let (c, _, target) = try checkedChange(a.customerId, to: a.newPlanId, upgrade: a.isUpgrade)
    guard !lineBook.planChanges.hasOpen(c.customerId) else {
      throw .conflict("a plan change is already in progress for this customer")
    }
    let immediate = a.isUpgrade && (a.immediateEffect ?? false)
    // The newer change replaces a scheduled one (its queue entry then finds nothing to do).
    if c.scheduledPlanId != nil { lineBook[c.customerId]?.dropScheduledPlan() }
    guard immediate else {
      let at = nextCycleStart()
      lineBook[c.customerId]?.scheduledPlanId = target.serviceCode
      lineBook[c.customerId]?.scheduledPlanAt = at
      schedule(.scheduledPlan(c.customerId), at: at)
      return ["status": "SCHEDULED", "effectiveDate": .string(at.date)]
    }
    let change = SandboxPlanChange(
      txnId: nextID("PLNCHG"), customerId: c.customerId, newPlanId: target.serviceCode, createdAt: clock.now)
    lineBook.planChanges.file(change)
    schedule(.planChange(change.txnId), at: change.createdAt.adding(SandboxPlanChange.delay))
    return ["txnId": .string(change.txnId), "status": "IN_PROGRESS", "effectiveDate": .string(clock.now.date)]
  }

  func planChangeStatus(_ a: PlanChangeStatusEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    let id = a.txnId
    guard let change = lineBook.planChanges[id] else {
      throw .notFound("no plan change with this txnId")
    }
    return [
      "txnId": .string(id), "customerId": .string(change.customerId),
      "status": .string(change.state(at: clock.now).rawValue), "newPlanId": .string(change.newPlanId),
    ]
  }

  func settlePlanChange(_ id: String, at now: SandboxTime) {
    guard let change = lineBook.planChanges.apply(id, at: now) else { return }
    meterData(change.customerId, to: change.createdAt.adding(SandboxPlanChange.delay))
    lineBook[change.customerId]?.planId = change.newPlanId
  }

  /// Applies a line's scheduled plan change once its date has come (a stale entry for a replaced
  /// or cancelled change is a no-op).
  func settleScheduledPlan(_ id: String, at now: SandboxTime) {
    guard var c = lineBook[id], let planId = c.scheduledPlanId, let at = c.scheduledPlanAt, at <= now else { return }
    // The line's data up to the change counts with the plan (and allowance) it had until then.
    meterData(id, to: at)
    if c.status != .disconnected { c.planId = planId }
    c.dropScheduledPlan()
    lineBook[id] = c
  }
}

extension SandboxCustomer {
  /// Forgets a plan change waiting for its date: a newer change replaced it, or the line left.
  mutating func dropScheduledPlan() {
    scheduledPlanId = nil
    scheduledPlanAt = nil
  }
}
