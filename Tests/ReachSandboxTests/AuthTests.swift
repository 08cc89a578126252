import Foundation
import HTTPTypes
import ReachCatalogue
import ReachSandbox
import Testing

@Suite("Authentication (1.2, 1.3)")
struct AuthTests {
  let plans = "/apisvc/v0/product/fetch/plan"
  let apiKey = HTTPField.Name("x-api-key")!

  @Test func acceptsTheRightCredentials() async throws {
    try await SandboxHarness().run { caller in
      let reply = try await caller.call(.get, plans)
      #expect(reply.status == 200)
      #expect((reply["plans"]?.arrayValue?.count ?? 0) >= 3)
    }
  }

  @Test func rejectsMissingMalformedOrWrongCredentials() async throws {
    try await SandboxHarness().run { caller in
      let good = caller.credentials
      let other = SandboxCredentials.random()
      let cases: [(String, HTTPFields)] = [
        ("no headers", [:]),
        ("no Authorization", [apiKey: good.apiKey]),
        ("not Basic", [.authorization: "Bearer \(good.jwt)", apiKey: good.apiKey]),
        ("not base64", [.authorization: "Basic %%%not-base64", apiKey: good.apiKey]),
        (
          "no clientapi prefix",
          [.authorization: "Basic " + Data(good.jwt.utf8).base64EncodedString(), apiKey: good.apiKey]
        ),
        (
          "wrong JWT",
          [.authorization: SandboxCredentials(jwt: other.jwt, apiKey: good.apiKey).authorization, apiKey: good.apiKey]
        ),
        ("no x-api-key", [.authorization: good.authorization]),
        ("wrong x-api-key", [.authorization: good.authorization, apiKey: other.apiKey]),
      ]
      for (name, headers) in cases {
        let reply = try await caller.call(.get, plans, headers: headers)
        #expect(reply.status == 401, "\(name)")
        #expect(reply["status"] == 401, "\(name)")
      }
    }
  }

  @Test func keyGenerationRequiresBypassToken() async throws {
    try await SandboxHarness().run { caller in
      let path = "/opssvc/v0/clientapi/account/generataccesskey"
      let without = try await caller.call(.put, path, json: ["keyName": "ops"])
      #expect(without.status == 401)
      var headers = caller.authHeaders
      headers[HTTPField.Name("bypass-token")!] = "true"
      let with = try await caller.call(.put, path, json: ["keyName": "ops"], headers: headers)
      #expect(with.status == 200)
      #expect(with["accountAccessKeyId"]?.stringValue?.isEmpty == false)
      #expect(with["accountAccessSecreteKey"]?.stringValue?.isEmpty == false)
    }
  }
}
