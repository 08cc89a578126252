import ReachCatalogue
import ReachEndpoints
import Testing

/// A value outside an enum whose values reach assumed is a warning; outside one the guide lists,
/// an error.
@Suite struct ContractValidationTests {
  @Test func assumedEnumsWarnAndTheGuidesRefuse() throws {
    let reset = try EndpointRegistry.standard.require("customer.reset")
    let issues = reset.validate(["customerId": "C1", "resetType": "FULL"], unresolved: [])
    #expect(issues.map(\.severity) == [.warning])
    #expect(issues.refusing(strict: false).isEmpty)
    #expect(issues.refusing(strict: true).map(\.field) == ["resetType"])
    // Sent as given: the platform may accept it.
    let request = try reset.makeRequest(["customerId": "C1", "resetType": "FULL"])
    #expect(request.body?["resetType"] == "FULL")

    let update = try EndpointRegistry.standard.require("portin.update")
    let refused = update.validate(["customerId": "C1", "type": "UPDATE_PLAN"], unresolved: [])
    #expect(refused.map(\.severity) == [.error])
    #expect(throws: ArgumentIssues.self) { try update.makeRequest(["customerId": "C1", "type": "UPDATE_PLAN"]) }
  }

  @Test(arguments: [
    ("usage.summary", "usageData"), ("product.quote", "purchaseType"), ("product.subsequent", "purchaseType"),
    ("customer.leaving", "reason"),
  ])
  func everyAssumedEnumWarns(_ id: String, _ field: String) throws {
    let plugin = try EndpointRegistry.standard.require(id)
    let issue = plugin.validate([field: "SOMETHING_ELSE"], unresolved: []).first { $0.field == field }
    #expect(issue?.severity == .warning)
  }
}
