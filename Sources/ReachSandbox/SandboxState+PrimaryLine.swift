import ReachCatalogue
import ReachEndpoints

/// `customer.swapPrimary`: moves the primary designation to another line of the same account;
/// `customerinfo` of both lines shows it (`isPrimary`).
extension SandboxState {
  func swapPrimary(_ a: CustomerSwapPrimaryEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    let primaryId = a.primaryCustomerId
    let secondaryId = a.secondaryCustomerId
    try lineBook.swapPrimary(from: primaryId, to: secondaryId)
    return ["primaryCustomerId": .string(secondaryId), "secondaryCustomerId": .string(primaryId)]
  }
}
