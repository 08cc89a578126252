import Playbook
import ReachCatalogue

/// `customer`: plays the customer on the sandbox's hosted page. Leaves `status`, `location`
/// (the redirect to the brand's `redirectUrl`) and `transId` (its query parameter, Scenario A
/// step 7) under `steps.<id>`.
struct CustomerExecutor: Sendable {
  let context: RunContext

  func run(_ step: CustomerStep, _ state: RunState) async throws(StepFailure) -> StepExecutor.StepResult {
    let url: String
    var card: String?
    do throws(ExpressionError) {
      let environment = state.environment(context)
      url = try step.url.evaluate(in: environment).interpolated
      if let template = step.card { card = try template.evaluate(in: environment).interpolated }
    } catch {
      throw StepFailure.from(error)
    }
    let answer: (status: Int, location: String?)
    do {
      answer = try await context.caller.customer(step.action.rawValue, url: url, card: card)
    } catch {
      throw StepFailure.from(error)
    }
    guard answer.status == 302 || (200..<300).contains(answer.status) else {
      throw .failed("the hosted page answered HTTP \(answer.status) to '\(step.action.rawValue)'")
    }
    var value: [String: JSONValue] = ["status": .int(answer.status)]
    if let location = answer.location {
      value["location"] = .string(location)
      if let transId = CustomerExecutor.queryValue("transId", in: location) { value["transId"] = .string(transId) }
    }
    return StepExecutor.StepResult(value: value, extracted: value.filter { $0.key != "location" })
  }

  static func queryValue(_ name: String, in url: String) -> String? {
    guard let query = url.split(separator: "?", maxSplits: 1).dropFirst().first else { return nil }
    for pair in query.split(separator: "&") {
      let parts = pair.split(separator: "=", maxSplits: 1)
      if parts.first.map(String.init) == name { return parts.count > 1 ? String(parts[1]) : "" }
    }
    return nil
  }
}
