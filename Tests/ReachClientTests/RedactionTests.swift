import Logging
import ReachCatalogue
import Synchronization
import Testing

@testable import ReachClient

/// Collects every log line, at every level, for inspection.
struct CapturingLogHandler: LogHandler {
  let lines: Mutex<[String]>.Reference
  var metadata: Logger.Metadata = [:]
  var logLevel: Logger.Level = .trace

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  func log(event: LogEvent) {
    lines.value.withLock { $0.append("\(event.message) \(event.metadata ?? [:])") }
  }
}

extension Mutex where Value == [String] {
  final class Reference: Sendable {
    let value = Mutex<[String]>([])
  }
}

final class Records: Sendable {
  let items = Mutex<[ExchangeRecord]>([])
}

@Suite struct RedactionTests {
  @Test func noSecretReachesRecordsLogsOrErrors() async throws {
    let credentials = TestSecrets.credentials()
    let pin = "pin-" + String(Int.random(in: 100_000...999_999))
    let account = "acct-" + String(Int.random(in: 100_000...999_999))
    let keySecret = "secret-" + String(Int.random(in: 100_000_000...999_999_999))
    // The server echoes secrets back, as a careless platform might: in a body and an error.
    let echo =
      #"{"accountAccessKeyId":"kid-123456789","accountAccessSecreteKey":"\#(keySecret)","note":"jwt=\#(credentials.jwt)"}"#
    // And in headers: a cookie, and a header the client knows nothing about.
    let server = ScriptedServer([
      (200, [("Set-Cookie", "session=\(keySecret)"), ("x-echo", "key \(credentials.apiKey)")], echo),
      (409, [], #"{"message":"conflict for PIN \#(pin) and key \#(credentials.apiKey)"}"#),
    ])
    let records = Records()
    let logs = Mutex<[String]>.Reference()
    let errors = Mutex<[String]>([])
    try await server.run { url in
      let client = ReachClient(
        target: try TestSecrets.target(url, credentials), clock: VirtualClock(),
        logger: Logger(label: "test", factory: { _ in CapturingLogHandler(lines: logs) }),
        onExchange: { record in records.items.withLock { $0.append(record) } })
      _ = try await client.call("account.generateAccessKey", [:])
      do throws(ReachClientError) {
        _ = try await client.call(
          "portin.update",
          [
            "customerId": "C1", "type": "UPDATE_PIN", "password": .string(pin),
            "oldCarrierAccountNumber": .string(account),
          ])
      } catch {
        errors.withLock { $0.append(error.description) }
      }
    }
    #expect(errors.withLock { $0.count } == 1)
    var everything: [String] = logs.value.withLock { $0 } + errors.withLock { $0 }
    for record in records.items.withLock({ $0 }) {
      everything.append(record.url)
      everything += record.requestHeaders.map { "\($0.0): \($0.1)" }
      everything.append(record.requestBody?.jsonText() ?? "")
      everything.append(record.responseBody?.jsonText() ?? "")
      everything += record.responseHeaders.map { "\($0.0): \($0.1)" }
    }
    #expect(records.items.withLock { $0.count } == 2)
    let text = everything.joined(separator: "\n")
    let canaries = credentials.secretForms + [pin, account, keySecret, "kid-123456789"]
    for canary in canaries {
      #expect(!text.contains(canary), "a secret leaked: \(canary.prefix(8))…")
    }
    #expect(text.contains("Authorization: ***"))
    #expect(text.contains("x-api-key: ***"))
    #expect(text.contains(#""password":"***""#))
    #expect(text.contains(#""accountAccessSecreteKey":"***""#))
    #expect(text.contains("Set-Cookie: ***"))
    #expect(text.contains("x-echo: key ***"))
    // The server still received the real values: redaction is of records, not of requests.
    #expect(server.received[1].body.contains(pin))
  }

  @Test func redactorMasksEveryEncodedFormAndSensitiveField() {
    let credentials = TestSecrets.credentials()
    let redactor = Redactor(credentials: credentials)
    #expect(redactor.redact("Basic " + credentials.secretForms[2]) == "Basic ***")
    #expect(
      redactor.redact(["password": "1234", "nested": ["cardNumber": "4111"], "customerId": "C1"])
        == ["password": "***", "nested": ["cardNumber": "***"], "customerId": "C1"])
    redactor.learn("learned-secret-value")
    #expect(redactor.redact("x learned-secret-value y") == "x *** y")
  }

  /// In a URL, a learned secret is masked in any form, and a query parameter named like a
  /// sensitive field whatever its length (a 4-digit PIN is too short to be learned).
  @Test func urlsAreMaskedByValueAndByParameterName() {
    let redactor = Redactor(credentials: TestSecrets.credentials())
    redactor.learn("tok/en+value")
    #expect(
      redactor.redactURL("https://h.example/a?customerId=C1&pin=1234&x=tok%2Fen%2Bvalue&password#frag")
        == "https://h.example/a?customerId=C1&pin=***&x=***&password#frag")
    #expect(redactor.redactURL("https://h.example/a/b") == "https://h.example/a/b")
    #expect(redactor.redactURL("https://h.example/?%70in=0000&cvv=") == "https://h.example/?%70in=***&cvv=")
  }
}

/// An argument given from a secret is recorded as `***` wherever the request carries it (the
/// path, the query, the body), whatever its length; the others as sent.
@Suite struct SecretArgumentTests {
  @Test func aSecretArgumentIsRecordedMaskedInThePathQueryAndBody() throws {
    let status = try #require(
      ReachClient.shown(
        Catalogue.require("product.status"), ["transactionId": "kQ7"], secret: ["transactionId"], url: "https://h"))
    #expect(status.url == "https://h/apisvc/v0/product/status/***")
    let info = try #require(
      ReachClient.shown(
        Catalogue.require("customer.info"), ["customerId": "C-0427"], secret: ["customerId"], url: "https://h"))
    #expect(info.url == "https://h/apisvc/v0/customerinfo?customerId=***")
    let key = try #require(
      ReachClient.shown(
        Catalogue.require("account.generateAccessKey"), ["keyName": "kQ7"], secret: ["keyName"], url: "https://h"))
    #expect(key.body == ["keyName": "***"])
    #expect(
      ReachClient.shown(Catalogue.require("customer.info"), ["customerId": "C-1"], secret: [], url: "https://h") == nil,
      "nothing secret: the request is recorded as sent")
  }
}
