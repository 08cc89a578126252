import Playbook
import ReachCatalogue

/// `customer`: plays the customer on the sandbox's hosted page. Leaves `status`, `location`
/// (the redirect to the brand's `redirectUrl`) and `transId` (its query parameter, Scenario A
/// step 7) under `steps.<id>`. Against a platform that is not a sandbox a person does it
/// (`CustomerStepMode`): the step says what to do and leaves `byPerson: true`.
struct CustomerExecutor: Sendable {
  let context: RunContext

  func run(_ step: CustomerStep, _ state: inout RunState) async throws(StepFailure) -> StepExecutor.StepResult {
    let url: String
    var card: String?
    var expires: String?
    do throws(ExpressionError) {
      let environment = state.environment(context)
      url = try step.url.evaluate(in: environment).interpolated
      if let template = step.card {
        let value = try template.evaluate(in: environment)
        if !value.isNull { card = value.interpolated }
      }
      if let template = step.expires {
        let value = try template.evaluate(in: environment)
        if !value.isNull { expires = value.interpolated }
      }
    } catch {
      throw StepFailure.from(error)
    }
    switch context.customerSteps {
    case .play:
      break
    case .fail:
      throw .failed(
        "a person must \(Self.what(step.action)) on the hosted page, and none is asked to: this run is not on a "
          + "terminal, so it does not wait for a person (nothing was sent for this step); give "
          + "--customer-steps wait to wait for one, or run against a sandbox, where reach plays the customer")
    case .wait:
      let task = PersonTask(
        instructions: Self.instructions(step.action, card: card, expires: expires), url: context.redact(url),
        action: Self.what(step.action))
      state.awaitingPerson = task
      return StepExecutor.StepResult(value: ["byPerson": true], extracted: [:], outcome: .byPerson(task))
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

  /// `pay`, `add a card`.
  static func what(_ action: CustomerAction) -> String {
    switch action {
    case .pay: return "pay"
    case .addCard: return "add a card"
    }
  }

  /// What a person is told: the page, the card by its last four digits (card data is never
  /// shown whole), and the deadline.
  static func instructions(_ action: CustomerAction, card: String?, expires: String?) -> String {
    var text: String
    switch action {
    case .pay: text = "pay on the hosted payment page"
    case .addCard: text = "add a card on the hosted add-card page"
    }
    if let card, card.count >= 4 { text += " with the test card ending \(card.suffix(4))" }
    if let expires { text += " before \(expires) (link.expireDate)" }
    return text
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
