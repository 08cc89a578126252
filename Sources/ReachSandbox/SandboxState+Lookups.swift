import ReachCatalogue
import ReachEndpoints

/// Read-only answers: coverage, device, SIM, MDN and ZIP checks, the product catalogue.
extension SandboxState {
  func coverage(_ a: NetworkCoverageEndpoint.Arguments) -> JSONValue {
    let covered = a.zip != MagicValues.noCoverageZip
    return [
      "brandCoverage": .bool(covered), "coverageStrength5G": covered ? "STRONG" : "NONE",
      "coverageStrength4G": covered ? "STRONG" : "NONE",
    ]
  }

  func device(_ a: DeviceImeiEndpoint.Arguments) -> JSONValue {
    let valid = a.imei != MagicValues.incompatibleImei
    return [
      "isValid": .bool(valid), "mode": valid ? "BOTH" : "PSIM", "esimAvailable": .bool(valid),
      "make": "Sandbox", "model": valid ? "Phone 5G" : "Legacy 3G",
    ]
  }

  func validateIccid(_ a: SimValidateIccidEndpoint.Arguments) -> JSONValue {
    let inUse = iccidInUse(a.iccId)
    var body: [String: JSONValue] = [
      "isValid": .bool(!inUse), "mode": "PSIM", "wifiCalling": true, "volteCompatible": true,
    ]
    if inUse { body["message"] = "This SIM is already in use on another line" }
    return .object(body)
  }

  func validateMdn(_ a: PortinValidateMdnEndpoint.Arguments) -> JSONValue {
    let eligible = a.mdn != MagicValues.ineligiblePortInMdn
    var body: [String: JSONValue] = [
      "isPortValidate": .bool(eligible),
      "message": eligible ? "The number is eligible for port-in" : "The number is not eligible for port-in",
    ]
    if eligible { body["currentCarrier"] = "Sandbox Wireless" }
    return .object(body)
  }

  func validateZip(_ a: ZipValidateEndpoint.Arguments) -> JSONValue {
    let valid = a.zip != MagicValues.noCoverageZip
    return ["isValid": .bool(valid), "city": "Springfield", "state": "IL"]
  }

  func products(plans: Bool, services: Bool, offers: Bool) -> JSONValue {
    var body: [String: JSONValue] = [:]
    if plans { body["plans"] = .array(SandboxProducts.plans.map(\.json)) }
    if services { body["services"] = .array(SandboxProducts.services.map(\.json)) }
    if offers { body["offers"] = .array(SandboxProducts.offers.map(\.json)) }
    return .object(body)
  }
}

extension SandboxState {
  /// Whether any line belongs to `groupId`.
  func groupExists(_ groupId: String) -> Bool {
    ildBook[groupId] != nil || lineBook.hasGroup(groupId)
  }
}
