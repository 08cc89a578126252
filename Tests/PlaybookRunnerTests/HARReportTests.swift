import Foundation
import Playbook
import PlaybookRunner
import ReachCatalogue
import ReachClient
import TestSupport
import Testing

/// `--report har=PATH`'s document, from the exchanges a real client records against a real
/// server on loopback: one entry per attempt (a retried call's too), measured timings, and no
/// secret in any form.
@Suite struct HARReportTests {
  static func hex(_ n: Int) -> String { String((0..<n).map { _ in "0123456789abcdef".randomElement()! }) }

  /// Made for each test run: never a real credential.
  struct Secrets {
    let jwt = "hjwt." + hex(24) + "." + hex(12)
    let apiKey = "hkey_" + hex(28)
    let pin = "9" + String((0..<11).map { _ in "0123456789".randomElement()! })
    /// Characters that URL-encoding and JSON escape change; it travels in a query string.
    let customer = "hcus/\(hex(16))+\"q"

    var all: [(String, String)] { [("jwt", jwt), ("apiKey", apiKey), ("pin", pin), ("customer", customer)] }
  }

  static let playbook = """
    name: HAR fixture
    inputs:
      pin: { type: string, required: true, secret: true }
      customer: { type: string, required: true, secret: true }
    steps:
      - id: info
        call: customer.info
        with: { customerId: "${{ inputs.customer }}" }
      - id: fix
        call: portin.update
        with: { customerId: C-7, type: UPDATE_PIN, password: "${{ inputs.pin }}" }
    """

  /// The customer's info; the port-in update answered 503 once (retried), then accepted with the
  /// PIN echoed back.
  static func platform(_ secrets: Secrets) -> FakePlatform {
    FakePlatform { request, count in
      switch request.path {
      case "/apisvc/v0/customerinfo":
        return (200, ["customerId": .string(PercentEncoding.decode(request.query["customerId"] ?? "")), "status": 2])
      case "/apisvc/v0/update/portin":
        if count == 1 { return (503, ["message": "try again"]) }
        return (200, ["message": "resubmitted", "password": .string(secrets.pin)])
      default:
        return (404, ["message": "no such path"])
      }
    }
  }

  /// The forms a secret must not be found in.
  static func forms(of secret: String) -> [(form: String, text: String)] {
    [
      ("raw", secret), ("base64", Base64.encode(Array(secret.utf8))),
      ("base64 clientapi|", Base64.encode(Array("clientapi|\(secret)".utf8))),
      ("url-encoded", PercentEncoding.encode(secret)),
      ("json-escaped", String(JSONValue.string(secret).jsonText().dropFirst().dropLast())),
    ]
  }

  @Test func everyAttemptIsAnEntryWithItsTimingsAndNoSecret() async throws {
    let secrets = Secrets()
    let platform = Self.platform(secrets)
    let clock = VirtualClock()
    let wall = Date(timeIntervalSince1970: 1_798_761_600)  // 2027-01-01T00:00:00Z
    let exchanges = ExchangeLog(wall: wall)
    let credentials = Credentials(jwt: secrets.jwt, apiKey: secrets.apiKey)
    try await platform.serve(clock: clock, credentials: credentials, onExchange: exchanges.record) { client in
      let runner = PlaybookRunner(caller: client, clock: clock, source: .inMemory(["har.yaml": Self.playbook]))
      let result = await runner.run(
        file: "har.yaml", inputs: ["pin": .string(secrets.pin), "customer": .string(secrets.customer)])
      #expect(result.outcome == .passed, "\(result.outcome)")
    }
    let text = HARReport.text(exchanges, creatorVersion: "9.9.9", comment: "har.yaml against fake")

    // Valid JSON, an HTTP Archive 1.2.
    let document = try JSONParser.parse(bytes: Array(text.utf8))
    let log = try #require(document["log"])
    #expect(log["version"] == "1.2")
    #expect(log["creator"] == ["name": "reach", "version": "9.9.9"])
    #expect(log["comment"] == "har.yaml against fake")
    let entries = try #require(log["entries"]?.arrayValue)

    // One entry per request the platform saw, the retried one included, in order.
    #expect(platform.received.count == 3)
    #expect(entries.count == platform.received.count)
    #expect(entries.map { $0["response"]?["status"] } == [200, 503, 200])
    #expect(entries.map { $0["request"]?["method"] } == ["GET", "PUT", "PUT"])
    #expect(
      entries.map { $0["comment"] } == [
        "customer.info, attempt 1", "portin.update, attempt 1", "portin.update, attempt 2",
      ])
    #expect(entries[1]["response"]?["statusText"] == "Service Unavailable")

    // Timings measured for each: every phase a number of milliseconds, the total their sum.
    var previousStart = wall
    for entry in entries {
      let timings = try #require(entry["timings"]?.objectValue)
      let phases = try ["blocked", "send", "wait", "receive"].map { name in
        try #require(timings[name]?.doubleValue, "\(name) in \(timings)")
      }
      #expect(phases.allSatisfy { $0 >= 0 }, "\(timings)")
      #expect(timings["wait"]!.doubleValue! > 0, "\(timings)")
      let time = try #require(entry["time"]?.doubleValue)
      #expect(abs(time - phases.reduce(0, +)) < 0.01, "\(time) vs \(phases)")
      #expect(entry["cache"] == [:])
      let started = try #require(entry["startedDateTime"]?.stringValue)
      let date = try Date(started, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
      #expect(date >= previousStart, "\(started)")
      previousStart = date
    }

    // What was sent and answered, redacted.
    let info = try #require(entries.first)
    #expect(info["request"]?["queryString"] == [["name": "customerId", "value": "***"]])
    #expect(info["request"]?["url"]?.stringValue?.hasSuffix("/apisvc/v0/customerinfo?customerId=***") == true)
    let headers = try #require(info["request"]?["headers"]?.arrayValue)
    #expect(headers.contains(["name": "Authorization", "value": "***"]))
    #expect(headers.contains(["name": "x-api-key", "value": "***"]))
    #expect(info["response"]?["content"]?["mimeType"] == "application/json")
    #expect(info["response"]?["content"]?["text"] == #"{"customerId":"***","status":2}"#)
    let responseHeaders = try #require(info["response"]?["headers"]?.arrayValue)
    #expect(responseHeaders.contains { $0["name"]?.stringValue?.lowercased() == "content-type" })
    let update = entries[2]
    #expect(update["request"]?["postData"]?["mimeType"] == "application/json")
    #expect(
      update["request"]?["postData"]?["text"] == #"{"customerId":"C-7","password":"***","type":"UPDATE_PIN"}"#)
    #expect(update["response"]?["content"]?["text"] == #"{"message":"resubmitted","password":"***"}"#)

    var leaks: [String] = []
    for (name, secret) in secrets.all {
      for form in Self.forms(of: secret) where text.contains(form.text) { leaks.append("\(name) (\(form.form))") }
    }
    #expect(leaks.isEmpty, "\(leaks)")
  }

  /// An attempt that got no answer is an entry too: status 0, and why in `_error`.
  @Test func anAttemptWithoutAnAnswerIsAnEntry() async throws {
    let clock = VirtualClock()
    let exchanges = ExchangeLog(wall: Date(timeIntervalSince1970: 0))
    // A port nothing listens on, held so that no other test's server is given it meanwhile.
    let closed = try ReservedPort()
    let target = try Target(
      name: "gone", baseURL: "http://127.0.0.1:\(closed.port)",
      credentials: Credentials(jwt: "jwt-\(UUID())", apiKey: "k"))
    var policy = RetryPolicy()
    policy.maxUnavailableRetries = 1
    let client = ReachClient(target: target, clock: clock, policy: policy, onExchange: exchanges.record)
    await #expect(throws: ReachClientError.self) {
      _ = try await client.send("customer.info", ["customerId": "C-1"])
    }
    let document = try JSONParser.parse(bytes: Array(HARReport.text(exchanges, creatorVersion: "1").utf8))
    let entries = try #require(document["log"]?["entries"]?.arrayValue)
    #expect(entries.count == 2)
    for entry in entries {
      #expect(entry["response"]?["status"] == 0)
      #expect(entry["_error"]?.stringValue?.contains("connection refused") == true, "\(entry)")
      #expect(entry["timings"]?["send"] != nil && entry["timings"]?["receive"] != nil)
    }
    withExtendedLifetime(closed) {}
  }
}
