import ReachCatalogue
import ReachEndpoints

/// Account changes that `customerinfo` shows: contact fields and data cut-off (Scenario K).
extension SandboxState {
  func updateFields(_ a: CustomerUpdateFieldsEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    var c = try customer(a.customerId)
    // The line keeps names, email and ZIP; the address fields are taken and listed as updated.
    let given: KeyValuePairs<String, String?> = [
      "firstName": a.firstName, "lastName": a.lastName, "email": a.email, "address1": a.address1, "city": a.city,
      "state": a.state, "zip": a.zip,
    ]
    let updated = given.compactMap { name, value in value.map { _ in name } }
    if let firstName = a.firstName { c.firstName = firstName }
    if let lastName = a.lastName { c.lastName = lastName }
    if let email = a.email { c.email = email }
    if let zip = a.zip { c.zip = zip }
    lineBook[c.customerId] = c
    return ["customerId": .string(c.customerId), "updated": .array(updated.map(JSONValue.string))]
  }

  func dataCutoff(_ a: SubscriberDataCutoffEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    let c = try customer(a.customerId)
    guard c.status == .active || c.status == .suspended else {
      throw .conflict("data cut-off needs an active line; this one is \(c.status.name) (\(c.status.rawValue))")
    }
    let enable = a.enable
    meterData(c.customerId, to: clock.now)
    lineBook[c.customerId]?.dataCutOff = enable
    return ["customerId": .string(c.customerId), "dataCutOff": .bool(enable), "reasonCode": .string(a.reasonCode)]
  }
}
