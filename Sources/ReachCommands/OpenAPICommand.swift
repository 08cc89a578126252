import ArgumentParser
import ReachCatalogue

struct OpenAPICommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "openapi",
    abstract: "Print an OpenAPI 3.1 document of the whole catalogue.")

  func run() throws {
    Console.out(OpenAPIDocument.make(version: Reach.version).jsonText(pretty: true))
  }
}
