import ReachCatalogue

/// Numbers and SIMs that lines hold. A line activated in the sandbox gets `212` and the next
/// number of a 7-digit sequence, an MDN swap `646` and the next one: never a number a line holds
/// already (a ported-in number may be anything) and never a `--customers` one (`312`). A
/// disconnected line holds no number (guide, Scenario I: "Number is released"); a reconnected one
/// gets the next of the sequence (assumption: the guide does not say). The ICCIDs lines hold are
/// indexed, so a SIM check does not scan every customer.
extension SandboxState {
  static let activatedNumberPrefix = "212"
  static let swappedNumberPrefix = "646"

  /// A number that no line holds, reserved at once.
  func allocateMobileNumber(prefix: String) -> String {
    while true {
      mdnSequence += 1
      let number = prefix + SandboxPopulation.padded(mdnSequence, 7)
      if !numbersHeld.contains(number) {
        numbersHeld.insert(number)
        return number
      }
    }
  }

  /// Remembers a number a line now holds (a ported-in one), so the sequence skips it.
  func holdNumber(_ number: String) {
    if Self.mayCollide(number) { numbersHeld.insert(number) }
  }

  /// Disconnects a line: guide, Scenario I "Disconnect a Subscriber": "Permanently disconnects
  /// the line. Number is released." The line keeps no `mobileNo` and no plan change for later.
  func disconnect(_ c: inout SandboxCustomer) {
    c.status = .disconnected
    c.dropScheduledPlan()
    if let number = c.mobileNo {
      c.mobileNo = nil
      numbersHeld.remove(number)
    }
  }

  /// Only numbers with the sequence's prefixes can collide with it.
  static func mayCollide(_ number: String) -> Bool {
    number.hasPrefix(activatedNumberPrefix) || number.hasPrefix(swappedNumberPrefix)
  }

  /// Remembers that line `id` holds `iccId` now.
  func holdIccid(_ iccId: String?, for id: String) {
    if let iccId { linesByIccid[iccId, default: []].insert(id) }
  }

  /// Whether a line (other than `id`) holds `iccId`: the index, or the `--customers` subscriber
  /// whose ICCID it is, if that one still holds it.
  func iccidInUse(_ iccId: String, byOtherThan id: String? = nil) -> Bool {
    if let ids = linesByIccid[iccId], ids.contains(where: { $0 != id && customers[$0]?.iccId == iccId }) {
      return true
    }
    if let index = SandboxPopulation.index(ofIccid: iccId) {
      let subscriber = SandboxPopulation.customerId(index)
      return subscriber != id && customers[subscriber]?.iccId == iccId
    }
    return false
  }
}

extension SandboxRestored {
  /// The numbers and SIMs held, from the restored lines and the MDN swaps still pending.
  mutating func indexNumbersAndSims() {
    for customer in customers.values {
      if let number = customer.mobileNo, SandboxState.mayCollide(number) { numbersHeld.insert(number) }
      if let iccId = customer.iccId,
        SandboxPopulation.index(ofIccid: iccId).map(SandboxPopulation.customerId) != customer.customerId
      {
        linesByIccid[iccId, default: []].insert(customer.customerId)
      }
    }
    for job in jobs.values where !job.applied {
      if case .mdnSwap(_, let new) = job.kind, SandboxState.mayCollide(new) { numbersHeld.insert(new) }
    }
  }
}
