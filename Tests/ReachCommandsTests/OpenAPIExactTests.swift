import Foundation
import ReachCatalogue
import Testing

@testable import ReachCommands

/// Issue 17, deliverable 4: the OpenAPI document says what the sandbox takes, no more and no less.
/// `scripts/openapi-fuzz.sh` (in `.ci/run`) holds the two together with a fuzzer; these tests pin
/// the parts that are decided here.
@Suite struct OpenAPIExactTests {
  static let document = OpenAPIDocument.make(version: "test")

  static var operations: [(id: String, op: JSONValue)] {
    (document["paths"]?.objectValue ?? [:]).values.flatMap { item in
      (item.objectValue ?? [:]).values.map { ($0["operationId"]?.stringValue ?? "", $0) }
    }
  }

  @Test func everyBodyRefusesUnknownMembersAndNothingListsA403() {
    for (id, op) in Self.operations {
      if let schema = op["requestBody"]?["content"]?["application/json"]?["schema"] {
        #expect(schema["additionalProperties"] == false, "\(id)")
      }
      let responses = op["responses"]?.objectValue ?? [:]
      #expect(responses["403"] == nil, "\(id): nothing sends a 403")
      #expect(responses["429"]?["headers"]?["Retry-After"]?["required"] == true, "\(id)")
      #expect(responses["401"]?["headers"]?["WWW-Authenticate"] != nil, "\(id)")
      // 413 and 415 only where there is a body to send.
      #expect((responses["415"] != nil) == (op["requestBody"] != nil), "\(id)")
    }
  }

  @Test func answersAreExactAndLinkTheIdsTheyFeedOn() throws {
    let purchase = try #require(Self.operations.first { $0.id == "product.purchase" }?.op)
    let accepted = try #require(purchase["responses"]?["202"])
    let schema = try #require(accepted["content"]?["application/json"]?["schema"])
    #expect(schema["additionalProperties"] == false)
    #expect(schema["required"] == ["transactionId", "status"])
    // Its transactionId is what product.status takes.
    let link = try #require(accepted["links"]?["transactionIdTo_product.status"])
    #expect(link["operationId"] == "product.status")
    #expect(link["parameters"]?["transactionId"] == "$response.body#/transactionId")
    // A member present only in some states is not required, and may be null.
    let status = try #require(Self.operations.first { $0.id == "product.status" }?.op)
    let body = try #require(status["responses"]?["200"]?["content"]?["application/json"]?["schema"])
    #expect(body["required"]?.arrayValue?.contains("link") == false)
    #expect(body["properties"]?["link"]?["type"] == ["object", "null"])
    #expect(body["properties"]?["link"]?["additionalProperties"] == false)
  }

  @Test func answersCarryTheSandboxsOwnAsTheirExample() throws {
    let info = try #require(Self.operations.first { $0.id == "customer.info" }?.op)
    let example = try #require(info["responses"]?["200"]?["content"]?["application/json"]?["example"])
    #expect(example["customerId"]?.stringValue?.isEmpty == false)
    let withExamples = Self.operations.filter { op in
      (op.op["responses"]?.objectValue ?? [:]).values.contains { $0["content"]?["application/json"]?["example"] != nil }
    }
    #expect(withExamples.count >= 50)
  }

  @Test func theCataloguesRulesAreInTheBodySchema() throws {
    let activation = try #require(Self.operations.first { $0.id == "activation.submit" }?.op)
    let schema = try #require(activation["requestBody"]?["content"]?["application/json"]?["schema"])
    let rules = try #require(schema["allOf"]?.arrayValue)
    // Exactly one of iccId and imei; esim requires imei; the port-in fields all or none; and
    // the plugin's two: IMEI means esim, ICCID means not.
    #expect(rules.contains { $0["oneOf"]?.arrayValue?.count == 2 })
    #expect(rules.count == 5)
    // A body that must name one field or more is itself required.
    let update = try #require(Self.operations.first { $0.id == "customer.updateFields" }?.op)
    #expect(update["requestBody"]?["required"] == true)
  }

  /// Each pattern in the document accepts exactly what its validator accepts, over strings
  /// chosen at the edges (combining marks after `/` and `@`, Unicode spaces, signs in dates).
  @Test(arguments: [
    (
      Validator.nonEmpty, OpenAPIDocument.Pattern.nonBlank,
      [
        "", " ", "\t\n", "\u{85}", "\u{A0}\u{3000}", "\r\n", "a", " a ", " \u{301}", "\u{200B}", "\u{1C}",
      ]
    ),
    (.mdn, OpenAPIDocument.Pattern.mdn, ["2125550100", "212555010", "21255501000", "212555010a", "٢١٢٥٥٥٠١٠٠"]),
    (.zip, OpenAPIDocument.Pattern.zip, ["10001", "1000", "100010", "1000a", "10001\n"]),
    (
      .httpsURL, OpenAPIDocument.Pattern.httpsURL,
      [
        "https://a", "HTTPS://a/b", "HttPS://\u{1F3FB}", "https://", "https:///x", "https://a b", "http://a",
        "https://a?x y", "ftp://a", "https://\u{301}", "https:/\u{301}/a",
      ]
    ),
    (
      .email, OpenAPIDocument.Pattern.email,
      [
        "a@b.c", "a@.c", "a@b.", "@b.c", "a@b", "a b@c.d", "a@b@c.d", "a@\u{301}b.c", "a\t@b.c", "a@b.c\u{301}",
      ]
    ),
    (
      .date, OpenAPIDocument.Pattern.date,
      [
        "2026-12-05", "1899-12-31", "1900-01-01", "2026-13-01", "2026-00-10", "2026-02-31", "2026-+1-05",
        "+026-01-01", "2026-1-05", "20261-01-01", "2026-01-32",
      ]
    ),
  ])
  func patternsAcceptWhatTheValidatorsAccept(_ validator: Validator, _ pattern: String, _ samples: [String]) throws {
    // ECMA-262's `$` (JSON Schema's) matches at the end only; ICU's also before a final newline.
    let regex = try NSRegularExpression(pattern: pattern.replacingOccurrences(of: "$", with: #"\z"#))
    for sample in samples {
      let range = NSRange(sample.startIndex..., in: sample)
      let matches = regex.firstMatch(in: sample, range: range) != nil
      let valid = validator.problem(with: .string(sample)) == nil
      #expect(matches == valid, "\(validator.name) \(sample.debugDescription): pattern \(matches), validator \(valid)")
    }
  }
}
