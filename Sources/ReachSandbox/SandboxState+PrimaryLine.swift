import ReachCatalogue
import ReachEndpoints

/// `customer.swapPrimary`: moves the primary designation to another line of the same account;
/// `customerinfo` of both lines shows it (`isPrimary`).
extension SandboxState {
  func swapPrimary(_ a: [String: JSONValue]) throws(SandboxError) -> JSONValue {
    let primaryId = a["primaryCustomerId"]?.stringValue ?? ""
    let secondaryId = a["secondaryCustomerId"]?.stringValue ?? ""
    guard primaryId != secondaryId else {
      throw .badRequest([
        ArgumentIssue(field: "secondaryCustomerId", message: "must be another line than primaryCustomerId")
      ])
    }
    guard let primary = lineBook[primaryId] else { throw .notFound("no customer with this primaryCustomerId") }
    guard let secondary = lineBook[secondaryId] else { throw .notFound("no customer with this secondaryCustomerId") }
    guard primary.groupId == secondary.groupId else {
      throw .conflict(
        "the two lines belong to different accounts (groupId \(primary.groupId) and \(secondary.groupId)); "
          + "only lines of one account can swap")
    }
    guard primary.isPrimary else {
      let already = secondary.isPrimary ? " (the secondary line is primary already: the swap may have happened)" : ""
      throw .conflict("primaryCustomerId is not the account's primary line\(already); customerinfo shows isPrimary")
    }
    guard secondary.status != .disconnected else {
      throw .conflict("a disconnected line cannot become primary; reconnect it first")
    }
    lineBook[primaryId]?.isPrimary = false
    lineBook[secondaryId]?.isPrimary = true
    return ["primaryCustomerId": .string(secondaryId), "secondaryCustomerId": .string(primaryId)]
  }
}
