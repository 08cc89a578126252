import ArgumentParser
import Foundation
import ReachCatalogue
import ReachClient
import Testing

@testable import ReachCommands

@Suite struct CommandsTests {
  static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  @Test func endpointsHelpText() {
    #expect(
      EndpointsCommand.helpMessage(columns: 100) == """
        OVERVIEW: List the endpoints of the catalogue (section 6 of the guide).

        USAGE: endpoints [--scenario <scenario>] [--json] [--markdown]

        OPTIONS:
          --scenario <scenario>   Only the endpoints of this scenario: A to K, setup or reference.
          --json                  Print a JSON array (id, method, path, summary, async, fields, …).
          --markdown              Print the Markdown reference (docs/endpoints.md).
          -h, --help              Show help information.

        """)
  }

  @Test func everySubcommandHasAnAbstract() {
    for command in Reach.configuration.subcommands {
      #expect(!command.configuration.abstract.isEmpty, "\(command)")
    }
  }

  @Test func unknownScenarioIsAUsageError() {
    #expect(throws: (any Error).self) { try EndpointsCommand.parse(["--scenario", "Z"]) }
  }

  @Test func endpointsJSONListsEveryFieldWithItsPlace() throws {
    let json = EndpointListing.json(Catalogue.endpoints)
    let items = try #require(json.arrayValue)
    #expect(items.count == 68)
    for item in items {
      for key in ["id", "method", "path", "summary", "async", "fields"] {
        #expect(item[key] != nil, "missing \(key)")
      }
    }
    let suspend = try #require(items.first { $0["id"] == "subscriber.suspend" })
    #expect(
      suspend["fields"]?.arrayValue?.first == [
        "name": "customerId", "in": "body", "type": "string", "required": true, "validator": "non-empty",
        "summary": "The platform's subscriber id.",
        "provenance": [
          "source": "guide", "section": "1.4", "quote": "Required for all subsequent calls for that subscriber",
        ],
      ])
  }

  @Test func endpointsJSONCarriesProvenance() throws {
    let items = try #require(EndpointListing.json(Catalogue.endpoints).arrayValue)
    for item in items {
      #expect(item["provenance"]?["source"] == "guide", "\(item["id"]?.stringValue ?? "")")
      for field in (item["fields"]?.arrayValue ?? []) + (item["response"]?.arrayValue ?? []) {
        #expect(
          ["guide", "assumption"].contains(field["provenance"]?["source"]), "\(item["id"]?.stringValue ?? ""): \(field)"
        )
      }
    }
    let reset = try #require(items.first { $0["id"] == "customer.reset" })
    let resetType = try #require(reset["fields"]?.arrayValue?.first { $0["name"] == "resetType" })
    #expect(resetType["values"]?.arrayValue?.first?["value"] == "NETWORK")
    #expect(resetType["values"]?.arrayValue?.first?["provenance"]?["source"] == "assumption")
    #expect(
      reset["status"]?["provenance"] == ["source": "guide", "section": "6", "quote": "Reset customer account [ASYNC]"])
    let info = try #require(items.first { $0["id"] == "customer.info" })
    let status = try #require(info["response"]?.arrayValue?.first { $0["path"] == "status" })
    let codes = try #require(status["values"]?.arrayValue)
    #expect(codes.first { $0["value"] == 3 }?["provenance"]?["source"] == "assumption")
    #expect(codes.first { $0["value"] == 2 }?["provenance"]?["section"] == "3.C step 3")
    let purchase = try #require(items.first { $0["id"] == "product.purchase" })
    #expect(purchase["status"]?["timings"]?.arrayValue?.first?["value"] == "5 s")
  }

  @Test func referenceMarksEveryAssumption() {
    let markdown = EndpointReference.markdown()
    #expect(markdown.contains("| 3 | `SUSPENDED` † |"))
    #expect(markdown.contains("| `resetType` † | body |"))
    #expect(markdown.contains("one of `NETWORK` †, `FEATURES` †"))
    #expect(markdown.contains("one of `UPDATE_PIN`, `UPDATE_ACCOUNT`"))
    #expect(markdown.contains("\n## Assumptions\n"))
    for e in Catalogue.endpoints {
      for (fact, reason) in e.assumptions {
        #expect(markdown.contains("### \(reason)\n"), "\(e.id) \(fact): its reason is not listed")
      }
    }
  }

  @Test func openAPIDocumentCoversTheCatalogue() throws {
    let doc = OpenAPIDocument.make(version: "test")
    #expect(doc["openapi"] == "3.1.0")
    let paths = try #require(doc["paths"]?.objectValue)
    var operations: [String] = []
    for (path, item) in paths {
      for (method, op) in item.objectValue ?? [:] {
        operations.append("\(method.uppercased()) \(path)")
        #expect(op["responses"]?.objectValue?.isEmpty == false)
      }
    }
    // 68 endpoints, two of which share PUT /apisvc/v0/account/card.
    #expect(operations.count == 67)
    let shared = try #require(paths["/apisvc/v0/account/card"]?["put"])
    #expect(shared["x-reach-endpoints"] == ["card.setDefault", "card.update"])
    let ids = Set(paths.values.flatMap { $0.objectValue!.values.flatMap { $0["x-reach-endpoints"]!.arrayValue! } })
    #expect(ids == Set(Catalogue.ids.map(JSONValue.string)))
    #expect(doc["components"]?["securitySchemes"]?["apiKey"]?["name"] == "x-api-key")
    let imei = try #require(paths["/apisvc/v0/device/imei/{imei}"]?["get"]?["parameters"]?.arrayValue?.first)
    #expect(imei["schema"]?["pattern"] == "^[0-9]{15}$")
    #expect(imei["schema"]?["x-reach-provenance"]?["section"] == "6")
    let usage = try #require(paths["/apisvc/v0/usage/summary"]?["get"]?["parameters"]?.arrayValue)
    let kind = try #require(usage.first { $0["name"] == "usageData" }?["schema"])
    // The sandbox refuses other values, so the document lists them as an enum, marked as ours.
    #expect(kind["enum"] == ["DATA", "ILD", "IR"] && kind["x-reach-assumed-values"] == true)
  }

  @Test func committedReferenceIsCurrent() throws {
    let url = Self.repoRoot.appendingPathComponent("docs/endpoints.md")
    let committed = try String(contentsOf: url, encoding: .utf8)
    #expect(
      committed == EndpointReference.markdown(),
      "docs/endpoints.md is stale: run `swift run reach endpoints --markdown > docs/endpoints.md`")
  }

  @Test func callArgumentsAreTypedByTheField() throws {
    let endpoint = try #require(Catalogue.endpoint("plan.change"))
    let args = try CallArguments.parse(
      ["customerId=C1", "isUpgrade=true", "newPlanId=P2", "extra:=[1,2]"], body: nil, for: endpoint)
    #expect(args == ["customerId": "C1", "isUpgrade": true, "newPlanId": "P2", "extra": [1, 2]])
    #expect(throws: CallArguments.Problem.self) {
      try CallArguments.parse(["isUpgrade=maybe"], body: nil, for: endpoint)
    }
    #expect(throws: CallArguments.Problem.self) { try CallArguments.parse(["customerId"], body: nil, for: endpoint) }
    let merged = try CallArguments.parse(["immediateEffect=false"], body: #"{"customerId":"C2"}"#, for: endpoint)
    #expect(merged == ["customerId": "C2", "immediateEffect": false])
  }

  @Test func targetFromURLNeedsEnvironmentCredentials() throws {
    let options = try TargetOptions.parse([
      "--target", "https://staging.example", "--config", "/nonexistent/reach.yaml",
    ])
    #expect(throws: ReachClientTargetError.missingEnvironment(["REACH_JWT", "REACH_API_KEY"])) {
      try options.resolve(environment: [:])
    }
    let target = try options.resolve(environment: [
      "REACH_JWT": "j-" + UUID().uuidString, "REACH_API_KEY": "k-" + UUID().uuidString,
    ])
    #expect(target.baseURL == "https://staging.example")
  }
}

typealias ReachClientTargetError = TargetError
