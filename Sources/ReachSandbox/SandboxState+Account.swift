import ReachCatalogue

/// Account changes that `customerinfo` shows: contact fields and data cut-off (Scenario K).
extension SandboxState {
  func updateFields(_ a: [String: JSONValue]) throws(SandboxError) -> JSONValue {
    var c = try customer(a["customerId"])
    var updated: [String] = []
    for name in ["firstName", "lastName", "email", "address1", "city", "state", "zip"] {
      guard let value = a[name]?.stringValue else { continue }
      switch name {
      case "firstName": c.firstName = value
      case "lastName": c.lastName = value
      case "email": c.email = value
      case "zip": c.zip = value
      default: break
      }
      updated.append(name)
    }
    lineBook[c.customerId] = c
    return ["customerId": .string(c.customerId), "updated": .array(updated.map(JSONValue.string))]
  }

  func dataCutoff(_ a: [String: JSONValue]) throws(SandboxError) -> JSONValue {
    let c = try customer(a["customerId"])
    guard c.status == .active || c.status == .suspended else {
      throw .conflict("data cut-off needs an active line; this one is \(c.status.name) (\(c.status.rawValue))")
    }
    let enable = a["enable"]?.boolValue ?? false
    meterData(c.customerId, to: clock.now)
    lineBook[c.customerId]?.dataCutOff = enable
    return ["customerId": .string(c.customerId), "dataCutOff": .bool(enable), "reasonCode": a["reasonCode"] ?? .null]
  }
}
