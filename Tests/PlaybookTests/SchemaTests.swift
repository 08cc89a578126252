import Foundation
import Playbook
import ReachCatalogue
import Testing

@Suite struct SchemaTests {
  /// `Playbooks/playbook.schema.json` in the repository.
  static let committed = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Playbooks/playbook.schema.json")

  /// The committed schema is what `reach schema` prints. After changing the catalogue or the
  /// format, regenerate it: `UPDATE_SCHEMA=1 swift test --filter SchemaTests`.
  @Test func committedSchemaHasNotDrifted() throws {
    if ProcessInfo.processInfo.environment["UPDATE_SCHEMA"] != nil {
      try PlaybookSchema.text.write(to: Self.committed, atomically: true, encoding: .utf8)
    }
    let text = try String(contentsOf: Self.committed, encoding: .utf8)
    #expect(
      text == PlaybookSchema.text,
      "Playbooks/playbook.schema.json is stale: run UPDATE_SCHEMA=1 swift test --filter SchemaTests")
  }

  @Test func offersEveryEndpointAndItsFields() throws {
    let schema = PlaybookSchema.document()
    let ids = schema.value(atPath: "definitions.call.properties.call.enum")?.arrayValue
    #expect(ids?.count == Catalogue.endpoints.count)
    let branches = try #require(schema.value(atPath: "definitions.call.allOf")?.arrayValue)
    let suspend = try #require(branches.first { $0.value(atPath: "if.properties.call.const") == "subscriber.suspend" })
    #expect(suspend.value(atPath: "then.properties.with.required") == ["customerId"])
    #expect(suspend.value(atPath: "then.properties.with.properties.reasonCode") != nil)
    // Values reach assumed are suggested; those the guide lists are enforced.
    let quote = try #require(branches.first { $0.value(atPath: "if.properties.call.const") == "product.quote" })
    let purchaseType = try #require(quote.value(atPath: "then.properties.with.properties.purchaseType"))
    #expect(purchaseType["examples"] == ["NEW", "RENEWAL", "ADD_LINE", "TOPUP"])
    #expect(purchaseType["enum"] == nil && purchaseType["anyOf"] == nil)
    let update = try #require(branches.first { $0.value(atPath: "if.properties.call.const") == "portin.update" })
    #expect(update.value(atPath: "then.properties.with.properties.type.anyOf")?.arrayValue?.first?["enum"] != nil)
    let kinds = schema.value(atPath: "definitions.step.oneOf")?.arrayValue?.compactMap { $0["$ref"]?.stringValue }
    #expect(
      kinds
        == [
          "call", "switch", "foreach", "use", "set", "fail", "log", "sleep", "customer", "skip", "wait_for", "check",
          "manual", "store",
        ].map {
          "#/definitions/\($0)"
        }
    )
  }
}
