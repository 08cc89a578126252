import HTTPTypes
import ReachCatalogue
import ReachSandbox

/// Multi-step journeys that several tests start from.
enum Flows {
  /// Purchase and pay on the hosted page: the transactionId, its payment processing for 5 s.
  static func paidPurchase(
    _ caller: Caller, clientAccountId: String, extra: [String: JSONValue] = [:]
  ) async throws -> String {
    let transactionId = try await caller.purchase(clientAccountId: clientAccountId, extra: extra)
    caller.clock.advance(by: .seconds(5))
    let pending = try await caller.call(.get, "/apisvc/v0/product/status/\(transactionId)")
    guard let url = pending["link.url"]?.stringValue else { throw HarnessError("no link: \(pending.text)") }
    let paid = try await caller.call(.post, caller.path(of: url), form: "cardNumber=4242424242424242")
    guard paid.status == 302 else { throw HarnessError("pay answered \(paid.status)") }
    return transactionId
  }

  /// Purchase, pay on the hosted page, wait: the new line's customerId (status 0).
  static func completedPurchase(
    _ caller: Caller, clientAccountId: String, extra: [String: JSONValue] = [:]
  ) async throws -> String {
    let transactionId = try await paidPurchase(caller, clientAccountId: clientAccountId, extra: extra)
    caller.clock.advance(by: .seconds(5))
    let done = try await caller.call(.get, "/apisvc/v0/product/status/\(transactionId)")
    guard let customerId = done["customerId"]?.stringValue else { throw HarnessError("not completed: \(done.text)") }
    return customerId
  }

  /// A line that has been activated with an ICCID and reached ACTIVE (2).
  static func activeLine(_ caller: Caller, clientAccountId: String) async throws -> String {
    let customerId = try await completedPurchase(caller, clientAccountId: clientAccountId)
    let submit = try await caller.call(
      .post, "/apisvc/v0/activation", json: ["customerId": .string(customerId), "iccId": "8901000000000000092"])
    guard submit.status == 202 else { throw HarnessError("activation answered \(submit.status): \(submit.text)") }
    caller.clock.advance(by: .seconds(600))
    return customerId
  }

  static func status(_ caller: Caller, _ customerId: String) async throws -> Int? {
    try await caller.call(.get, "/apisvc/v0/customerinfo?customerId=\(customerId)")["status"]?.intValue
  }

  /// The customer's default card on file.
  static func defaultCard(_ caller: Caller, _ customerId: String) async throws -> String {
    let list = try await caller.call(.get, "/apisvc/v0/account/card?customerId=\(customerId)")
    let cards = list["cards"]?.arrayValue ?? []
    guard let card = cards.first(where: { $0["isDefault"] == true })?["uuid"]?.stringValue else {
      throw HarnessError("no default card: \(list.text)")
    }
    return card
  }

  /// Adds a card through the hosted add-card page: its uuid.
  static func addCard(_ caller: Caller, _ customerId: String, number: String) async throws -> String {
    let link = try await caller.call(
      .put, "/apisvc/v0/account/generate/addcard/link/\(customerId)", json: ["redirectUrl": "https://brand.example/c"])
    guard let url = link["link.url"]?.stringValue else { throw HarnessError("no add-card link: \(link.text)") }
    let added = try await caller.call(.post, caller.path(of: url), form: "cardNumber=\(number)")
    guard let location = added.headers[.location], let id = location.split(separator: "=").last else {
      throw HarnessError("add-card answered \(added.status)")
    }
    return String(id)
  }

  static func groupId(_ caller: Caller, _ customerId: String) async throws -> String {
    let info = try await caller.call(.get, "/apisvc/v0/customerinfo?customerId=\(customerId)")
    guard let groupId = info["groupId"]?.stringValue else { throw HarnessError("no groupId: \(info.text)") }
    return groupId
  }
}
