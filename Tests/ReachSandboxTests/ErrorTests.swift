import HTTPTypes
import ReachCatalogue
import ReachSandbox
import Testing

@Suite("Errors (section 5)")
struct ErrorTests {
  @Test func fieldErrorsUseTheCatalogueValidators() async throws {
    try await SandboxHarness().run { caller in
      let body = caller.purchaseBody(
        clientAccountId: "acct-400",
        extra: ["zip": "123", "email": "not-an-email", "redirectUrl": "http://insecure.example", "simType": "QSIM"])
      let reply = try await caller.call(.post, "/apisvc/v0/product", json: body)
      #expect(reply.status == 400)
      #expect(Set(reply.errorFields) == ["zip", "email", "redirectUrl", "simType"])

      let missing = try await caller.call(.post, "/apisvc/v0/network/coverage", json: ["city": "Springfield"])
      #expect(missing.status == 400)
      #expect(missing.errorFields == ["zip"])

      let unknown = try await caller.call(.post, "/apisvc/v0/network/coverage", json: ["zip": "10001", "zipp": "1"])
      #expect(unknown.status == 400)
      #expect(unknown.errorFields == ["zipp"])

      let badPath = try await caller.call(.get, "/apisvc/v0/device/imei/123")
      #expect(badPath.status == 400)
      #expect(badPath.errorFields == ["imei"])

      let notJSON = try await caller.call(.post, "/apisvc/v0/network/coverage", form: "zip=10001")
      #expect(notJSON.status == 415)
    }
  }

  @Test func unknownThingsAre404() async throws {
    try await SandboxHarness().run { caller in
      #expect(try await caller.call(.get, "/apisvc/v0/nothing/here").status == 404)
      #expect(try await caller.call(.get, "/apisvc/v0/customerinfo?customerId=CUST999999").status == 404)
      #expect(try await caller.call(.get, "/apisvc/v0/product/status/TXN999999").status == 404)
      #expect(try await caller.call(.get, "/apisvc/v0/billing/customize/BILL999999").status == 404)
      #expect(try await caller.call(.get, "/apisvc/v0/account/card/specific?cardId=CARD999999").status == 404)
      let notFound = try await caller.call(.put, "/apisvc/v0/suspend", json: ["customerId": "CUST999999"])
      #expect(notFound.status == 404)
      #expect(notFound["errors.0.message"]?.stringValue?.contains("customerId") == true)
    }
  }

  @Test func conflictingStateIs409() async throws {
    try await SandboxHarness().run { caller in
      let customerId = try await Flows.completedPurchase(caller, clientAccountId: "acct-409")
      // A new line is INACTIVE (0): it cannot be suspended, restored or reconnected.
      for path in ["/apisvc/v0/suspend", "/apisvc/v0/restore", "/apisvc/v0/reconnect"] {
        let reply = try await caller.call(.put, path, json: ["customerId": .string(customerId)])
        #expect(reply.status == 409, "\(path)")
      }
      let again = try await caller.call(
        .post, "/apisvc/v0/product", json: caller.purchaseBody(clientAccountId: "acct-409"))
      #expect(again.status == 409)
    }
  }
}
