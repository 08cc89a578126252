import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ReachCatalogue
import ReachSandbox

/// A sandbox on a manual clock with throwaway credentials, driven in process.
struct SandboxHarness {
  let clock: ManualSandboxClock
  let credentials: SandboxCredentials
  let server: SandboxServer

  /// - Parameters:
  ///   - clock, credentials: Given to play a restart of the same sandbox; new ones by default.
  ///   - store: A state file to resume from and save to.
  init(
    options: SandboxOptions = SandboxOptions(), webhook: SandboxWebhook? = nil,
    sleeper: any Clock<Duration> = ContinuousClock(), clock: ManualSandboxClock = ManualSandboxClock(),
    credentials: SandboxCredentials = .random(), store: SandboxStore? = nil
  ) {
    self.clock = clock
    self.credentials = credentials
    server = SandboxServer(
      credentials: credentials, clock: clock, baseURL: "http://sandbox.test", options: options, webhook: webhook,
      sleeper: sleeper, store: store)
  }

  func run(_ test: @escaping @Sendable (Caller) async throws -> Void) async throws {
    let app = Application(router: server.router())
    let credentials = self.credentials
    let clock = self.clock
    try await app.test(.router) { client in
      try await test(Caller(client: client, credentials: credentials, clock: clock))
    }
  }

  /// The same, over a real loopback connection to a port the system picks.
  func runOverLoopback(_ test: @escaping @Sendable (Caller) async throws -> Void) async throws {
    let app = Application(
      router: server.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    let credentials = self.credentials
    let clock = self.clock
    try await app.test(.live) { client in
      try await test(Caller(client: client, credentials: credentials, clock: clock))
    }
  }
}

/// One answer, its body parsed as JSON when it is JSON.
struct Reply: Sendable {
  var status: Int
  var headers: HTTPFields
  var text: String
  var json: JSONValue

  subscript(path: String) -> JSONValue? { json.value(atPath: path) }

  /// The field names of a 400 answer's errors.
  var errorFields: [String] {
    (json["errors"]?.arrayValue ?? []).compactMap { $0["field"]?.stringValue }
  }
}

struct Caller: Sendable {
  let client: any TestClientProtocol
  let credentials: SandboxCredentials
  let clock: ManualSandboxClock

  var authHeaders: HTTPFields {
    [.authorization: credentials.authorization, HTTPField.Name("x-api-key")!: credentials.apiKey]
  }

  func call(
    _ method: HTTPRequest.Method, _ uri: String, json: JSONValue? = nil, form: String? = nil,
    headers: HTTPFields? = nil
  ) async throws -> Reply {
    var fields = headers ?? authHeaders
    var body: ByteBuffer?
    if let json {
      fields[.contentType] = "application/json"
      body = ByteBuffer(string: json.jsonText())
    } else if let form {
      fields[.contentType] = "application/x-www-form-urlencoded"
      body = ByteBuffer(string: form)
    }
    let response = try await client.execute(uri: uri, method: method, headers: fields, body: body)
    let text = String(buffer: response.body)
    let parsed = (try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))) ?? .null
    return Reply(status: Int(response.status.code), headers: response.headers, text: text, json: parsed)
  }

  // MARK: Scenario shortcuts

  static let redirectUrl = "https://brand.example/return"

  func purchaseBody(clientAccountId: String, zip: String = "10001", extra: [String: JSONValue] = [:]) -> JSONValue {
    var body: [String: JSONValue] = [
      "clientAccountId": .string(clientAccountId), "firstName": "Ada", "lastName": "Lovelace",
      "email": "ada@example.com", "planId": "REACH-PLUS-15GB", "simType": "PSIM", "zip": .string(zip),
      "redirectUrl": .string(Caller.redirectUrl),
    ]
    body.merge(extra) { _, new in new }
    return .object(body)
  }

  /// Submits a purchase and returns its transactionId.
  func purchase(clientAccountId: String, zip: String = "10001", extra: [String: JSONValue] = [:]) async throws -> String
  {
    let reply = try await call(
      .post, "/apisvc/v0/product", json: purchaseBody(clientAccountId: clientAccountId, zip: zip, extra: extra))
    guard reply.status == 202, let id = reply["transactionId"]?.stringValue else {
      throw HarnessError("purchase answered \(reply.status): \(reply.text)")
    }
    return id
  }

  /// The path (and query) of a `link.url` on the sandbox, whatever address it was served on.
  func path(of url: String) -> String {
    guard let parts = URLComponents(string: url) else { return url }
    return parts.percentEncodedPath + (parts.percentEncodedQuery.map { "?" + $0 } ?? "")
  }
}

struct HarnessError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
