import HTTPTypes
import HummingbirdTesting
import NIOCore
import ReachCatalogue
import ReachSandbox
import Testing

/// What a strict HTTP/JSON server answers (issue 17, deliverable 3; issue 21, item 6): the path's
/// identifier wins, JSON types are checked, 405 says what is allowed, 415 and 401 say what to send.
@Suite("Protocol correctness")
struct ProtocolCorrectnessTests {
  @Test func anIdentifierInTheBodyThatDiffersFromThePathIsA400AndChangesNothing() async throws {
    try await SandboxHarness().run { caller in
      let first = try await Flows.activeLine(caller, clientAccountId: "acct-path-1")
      let second = try await Flows.activeLine(caller, clientAccountId: "acct-path-2")
      let update = try await caller.call(
        .put, "/apisvc/v0/account/update/fields/\(first)",
        json: ["customerId": .string(second), "email": "moved@example.com"])
      #expect(update.status == 400)
      #expect(update.errorFields == ["customerId"])
      for id in [first, second] {
        let info = try await caller.call(.get, "/apisvc/v0/customerinfo?customerId=\(id)")
        #expect(info["email"] != "moved@example.com")
      }
      // The same identifier again is no conflict.
      let same = try await caller.call(
        .put, "/apisvc/v0/account/update/fields/\(first)",
        json: ["customerId": .string(first), "email": "same@example.com"])
      #expect(same.status == 200)
      // Nor is a query that repeats it; one that differs is refused.
      let query = try await caller.call(
        .put, "/apisvc/v0/account/update/fields/\(first)?customerId=\(second)", json: ["email": "q@example.com"])
      #expect(query.status == 400)
      #expect(query.errorFields == ["customerId"])
    }
  }

  @Test func wrongJSONTypesAreA400NamingTheField() async throws {
    try await SandboxHarness().run { caller in
      let number = try await caller.call(.post, "/apisvc/v0/network/coverage", json: ["zip": 10001])
      #expect(number.status == 400)
      #expect(number.errorFields == ["zip"])
      #expect(number.text.contains("JSON string"))
      let null = try await caller.call(.post, "/apisvc/v0/network/coverage", json: ["zip": .null])
      #expect(null.status == 400)
      #expect(null.errorFields == ["zip"])
      let list = try await caller.call(.post, "/apisvc/v0/network/coverage", json: ["zip": ["10001"]])
      #expect(list.status == 400)
      #expect(list.errorFields == ["zip"])
      #expect(try await caller.call(.post, "/apisvc/v0/network/coverage", json: ["zip": "10001"]).status == 200)
      // A body of JSON null is not an object (found by the OpenAPI fuzzer, scripts/openapi-fuzz.sh).
      let nullBody = try await caller.call(.post, "/apisvc/v0/network/coverage", json: .null)
      #expect(nullBody.status == 400)
      #expect(nullBody.errorFields == ["body"])
      // A list of strings takes strings only.
      let numbers = try await caller.call(
        .post, "/apisvc/v0/get/additional/offerings", json: ["customerId": "CUST000001", "countries": [1, 2]])
      #expect(numbers.status == 400)
      #expect(numbers.errorFields == ["countries"])
    }
  }

  @Test func anotherMethodIsA405WithAllow() async throws {
    try await SandboxHarness().run { caller in
      // HEAD too: the platform documents no HEAD, and README promises 405 for it (issue 21).
      for method in [HTTPRequest.Method.delete, .patch, .head, .options, .post, .trace, HTTPRequest.Method("QUERY")!] {
        let reply = try await caller.call(method, "/apisvc/v0/customerinfo?customerId=CUST000001")
        #expect(reply.status == 405, "\(method)")
        #expect(reply.headers[.allow] == "GET", "\(method)")
      }
      // A path several endpoints share names every method.
      let shared = try await caller.call(.patch, "/apisvc/v0/account/card")
      #expect(shared.status == 405)
      #expect(shared.headers[.allow] == "DELETE, GET, PUT")
      #expect(try await caller.call(.delete, "/apisvc/v0/nothing/here").status == 404)
    }
  }

  /// HEAD and OPTIONS over a real connection (where HTTP/1's HEAD rules apply: no body follows):
  /// 405 with `Allow`, as README promises, not 404 or the GET's answer.
  @Test func headAndOptionsOnAGetPathAreA405WithAllowOverLoopback() async throws {
    try await SandboxHarness().runOverLoopback { caller in
      for method in [HTTPRequest.Method.head, .options] {
        let reply = try await caller.call(method, "/apisvc/v0/customerinfo?customerId=CUST000001")
        #expect(reply.status == 405, "\(method)")
        #expect(reply.headers[.allow] == "GET", "\(method)")
      }
    }
  }

  @Test func aBodyThatIsNotJSONByItsTypeIsA415() async throws {
    try await SandboxHarness().run { caller in
      var headers = caller.authHeaders
      headers[.contentType] = "text/plain"
      let plain = try await caller.client.execute(
        uri: "/apisvc/v0/network/coverage", method: .post, headers: headers, body: .init(string: #"{"zip":"10001"}"#))
      #expect(plain.status.code == 415)
      #expect(plain.headers[.accept] == "application/json")
      headers[.contentType] = "application/json; charset=utf-8"
      let json = try await caller.client.execute(
        uri: "/apisvc/v0/network/coverage", method: .post, headers: headers, body: .init(string: #"{"zip":"10001"}"#))
      #expect(json.status.code == 200)
    }
  }

  @Test func a401SaysHowToAuthenticate() async throws {
    try await SandboxHarness().run { caller in
      let reply = try await caller.call(.get, "/apisvc/v0/customerinfo?customerId=CUST000001", headers: [:])
      #expect(reply.status == 401)
      #expect(reply.headers[.wwwAuthenticate]?.hasPrefix("Basic realm=") == true)
    }
  }
}
