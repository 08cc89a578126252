import ArgumentParser
import ReachCatalogue

struct EndpointsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "endpoints",
    abstract: "List the endpoints of the catalogue (section 6 of the guide).")

  @Option(name: .long, help: "Only the endpoints of this scenario: A to K, setup or reference.")
  var scenario: String?

  @Flag(name: .long, help: "Print a JSON array (id, method, path, summary, async, fields, …).")
  var json = false

  @Flag(name: .long, help: "Print the Markdown reference (docs/endpoints.md).")
  var markdown = false

  func validate() throws {
    if let scenario, Scenario(argument: scenario) == nil {
      throw ValidationError(
        "unknown scenario '\(scenario)'; use one of " + Scenario.allCases.map(\.rawValue).joined(separator: ", "))
    }
    if json && markdown { throw ValidationError("give --json or --markdown, not both") }
  }

  func run() throws {
    var endpoints = Catalogue.endpoints
    if let scenario = scenario.flatMap(Scenario.init(argument:)) {
      endpoints = endpoints.filter { $0.scenarios.contains(scenario) }
    }
    if json {
      Console.out(EndpointListing.json(endpoints).jsonText(pretty: true))
    } else if markdown {
      Console.out(EndpointReference.markdown(endpoints))
    } else {
      Console.out(EndpointListing.table(endpoints))
    }
  }
}
