import ReachCatalogue

/// `customer.swapPrimary`: moves the primary designation to another line of the same account;
/// `customerinfo` of both lines shows it (`isPrimary`).
extension SandboxState {
  func swapPrimary(_ a: [String: JSONValue]) throws(SandboxError) -> JSONValue {
    let primaryId = a["primaryCustomerId"]?.stringValue ?? ""
    let secondaryId = a["secondaryCustomerId"]?.stringValue ?? ""
    try lineBook.swapPrimary(from: primaryId, to: secondaryId)
    return ["primaryCustomerId": .string(secondaryId), "secondaryCustomerId": .string(primaryId)]
  }
}
