import ReachCatalogue

/// Numbers and SIMs that lines hold (the rules that need only them are `NumberPool`'s). A
/// disconnected line holds no number (guide, Scenario I: "Number is released"); a reconnected one
/// gets the next of the sequence (assumption: the guide does not say). The ICCIDs lines hold are
/// indexed, so a SIM check does not scan every customer.
extension SandboxState {
  /// Disconnects a line: guide, Scenario I "Disconnect a Subscriber": "Permanently disconnects
  /// the line. Number is released." The line keeps no `mobileNo` and no plan change for later.
  func disconnect(_ c: inout SandboxCustomer) {
    c.status = .disconnected
    c.dropScheduledPlan()
    if let number = c.mobileNo {
      c.mobileNo = nil
      numbers.release(number)
    }
  }

  /// Whether a line (other than `id`) holds `iccId`: the index, or the `--customers` subscriber
  /// whose ICCID it is, if that one still holds it.
  func iccidInUse(_ iccId: String, byOtherThan id: String? = nil) -> Bool {
    if numbers.lines(thatHeld: iccId).contains(where: { $0 != id && lineBook[$0]?.iccId == iccId }) {
      return true
    }
    if let index = SandboxPopulation.index(ofIccid: iccId) {
      let subscriber = SandboxPopulation.customerId(index)
      return subscriber != id && lineBook[subscriber]?.iccId == iccId
    }
    return false
  }
}
