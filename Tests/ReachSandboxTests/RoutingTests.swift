import HTTPTypes
import ReachCatalogue
import ReachEndpoints
import ReachSandbox
import Testing

@Suite("Routing from the catalogue")
struct RoutingTests {
  /// Every endpoint answers something other than 404/405 at its own path: the routes come from
  /// the catalogue. Unauthenticated calls must get 401, which proves the route matched.
  @Test func everyCatalogueEndpointIsRouted() async throws {
    #expect(Catalogue.endpoints.count == 68)
    try await SandboxHarness().run { caller in
      for endpoint in Catalogue.endpoints {
        var path = endpoint.path
        for name in endpoint.pathParameterNames { path = path.replacing("{\(name)}", with: "x1") }
        let reply = try await caller.call(.init(rawValue: endpoint.method.rawValue)!, path, headers: [:])
        #expect(reply.status == 401, "\(endpoint.id) \(endpoint.method.rawValue) \(path)")
      }
    }
  }

  @Test func sharedCardPathDispatchesOnTheQuery() async throws {
    try await SandboxHarness().run { caller in
      let customerId = try await Flows.completedPurchase(caller, clientAccountId: "acct-card")
      let list = try await caller.call(.get, "/apisvc/v0/account/card?customerId=\(customerId)")
      let first = try #require(list["cards.0.uuid"]?.stringValue)

      let link = try await caller.call(
        .put, "/apisvc/v0/account/generate/addcard/link/\(customerId)",
        json: ["redirectUrl": "https://brand.example/cards"])
      let url = try #require(link["link.url"]?.stringValue)
      let added = try await caller.call(.post, caller.path(of: url), form: "cardNumber=5555555555554444")
      #expect(added.status == 302)
      let after = try await caller.call(.get, "/apisvc/v0/account/card?customerId=\(customerId)")
      let second = try #require(after["cards.1.uuid"]?.stringValue)
      #expect(after["cards.1.brand"] == "MASTERCARD")

      let setDefault = try await caller.call(.put, "/apisvc/v0/account/card?id=\(second)&default=true")
      #expect(setDefault.status == 200)
      #expect(setDefault["uuid"] == .string(second))
      #expect(setDefault["isDefault"] == true)
      let update = try await caller.call(
        .put, "/apisvc/v0/account/card",
        json: ["cardId": .string(first), "customerId": .string(customerId), "priority": 7])
      #expect(update.status == 200)
      #expect(update["priority"] == 7)
      #expect(try await caller.call(.put, "/apisvc/v0/account/card?id=CARD999999&default=true").status == 404)
    }
  }

  @Test func usageSummaryAnswersWithEveryDocumentedField() async throws {
    try await SandboxHarness().run { caller in
      let customerId = try await Flows.activeLine(caller, clientAccountId: "acct-usage")
      let usage = try await caller.call(.get, "/apisvc/v0/usage/summary?usageData=DATA&customerId=\(customerId)")
      #expect(usage.status == 200)
      let endpoint = Catalogue.require("usage.summary")
      for field in endpoint.response { #expect(usage[field.path] != nil, "\(field.path)") }
      #expect(usage["customerId"] == .string(customerId))
      #expect(
        try await caller.call(.get, "/apisvc/v0/usage/summary?usageData=DATA&customerId=CUST999999").status == 404)
    }
  }
}
