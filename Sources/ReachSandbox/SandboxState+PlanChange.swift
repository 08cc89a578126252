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

  func state(at now: SandboxTime) -> TransactionState {
    now < createdAt.adding(Self.delay) ? .inProgress : .completed
  }
}

/// Scenario F: plan upgrades and downgrades.
extension SandboxState {
  /// The customer and target plan of a change, or why it cannot happen.
  func checkedChange(_ a: [String: JSONValue]) throws(SandboxError) -> (SandboxCustomer, SandboxPlan, SandboxPlan) {
    let c = try customer(a["customerId"])
    guard let current = SandboxProducts.plan(c.planId),
      let target = SandboxProducts.plan(a["newPlanId"]?.stringValue ?? "")
    else {
      throw .badRequest([.init(field: "newPlanId", message: "is not a plan's serviceCode (see product.plans)")])
    }
    let upgrade = a["isUpgrade"]?.boolValue ?? false
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

  func nextCycle() -> String { clock.now.adding(.seconds(30 * 86_400)).date }

  func estimatePlanChange(_ a: [String: JSONValue]) throws(SandboxError) -> JSONValue {
    let (c, current, target) = try checkedChange(a)
    let immediate = (a["isUpgrade"]?.boolValue ?? false) && (a["immediateEffect"]?.boolValue ?? false)
    let prorated = immediate ? SandboxProducts.rounded((target.baseLinePrice - current.baseLinePrice) / 2) : 0
    return [
      "currentPlanId": .string(c.planId), "newPlanId": .string(target.serviceCode), "proratedCharge": .double(prorated),
      "nextBillAmount": .double(SandboxProducts.rounded(target.baseLinePrice * (1 + SandboxProducts.taxRate))),
      "effectiveDate": .string(immediate ? clock.now.date : nextCycle()),
    ]
  }

  func changePlan(_ a: [String: JSONValue]) throws(SandboxError) -> JSONValue {
    let (c, _, target) = try checkedChange(a)
    guard !planChangesByCustomer[c.customerId, default: []].contains(where: { planChanges[$0]?.applied == false })
    else {
      throw .conflict("a plan change is already in progress for this customer")
    }
    let immediate = (a["isUpgrade"]?.boolValue ?? false) && (a["immediateEffect"]?.boolValue ?? false)
    guard immediate else {
      customers[c.customerId]?.scheduledPlanId = target.serviceCode
      return ["status": "SCHEDULED", "effectiveDate": .string(nextCycle())]
    }
    let change = SandboxPlanChange(
      txnId: nextID("PLNCHG"), customerId: c.customerId, newPlanId: target.serviceCode, createdAt: clock.now)
    planChanges[change.txnId] = change
    planChangesByCustomer[c.customerId, default: []].append(change.txnId)
    schedule(.planChange(change.txnId), at: change.createdAt.adding(SandboxPlanChange.delay))
    return ["txnId": .string(change.txnId), "status": "IN_PROGRESS", "effectiveDate": .string(clock.now.date)]
  }

  func planChangeStatus(_ a: [String: JSONValue]) throws(SandboxError) -> JSONValue {
    guard let id = a["txnId"]?.stringValue, let change = planChanges[id] else {
      throw .notFound("no plan change with this txnId")
    }
    return [
      "txnId": .string(id), "customerId": .string(change.customerId),
      "status": .string(change.state(at: clock.now).rawValue), "newPlanId": .string(change.newPlanId),
    ]
  }

  func settlePlanChange(_ id: String, at now: SandboxTime) {
    guard let change = planChanges[id], !change.applied, change.state(at: now) == .completed else { return }
    planChanges[id]?.applied = true
    meterData(change.customerId, to: change.createdAt.adding(SandboxPlanChange.delay))
    customers[change.customerId]?.planId = change.newPlanId
  }
}
