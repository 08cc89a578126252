import Foundation
import PackagePlugin

/// Generates the endpoint plugin registry from `ReachCatalogue` at build time. A thin shell:
/// it finds the generator tool, names the one output, and declares the catalogue's sources as
/// inputs so a catalogue change regenerates the registry.
@main
struct EndpointRegistryPlugin: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: any Target) async throws -> [Command] {
    let tool = try context.tool(named: "RegistryGenerator")
    let output = context.pluginWorkDirectoryURL.appending(path: "EndpointRegistry.generated.swift")
    let catalogue = context.package.directoryURL.appending(path: "Sources/ReachCatalogue")
    let inputs = try catalogueSources(in: catalogue)
    return [
      .buildCommand(
        displayName: "Generating endpoint registry from ReachCatalogue",
        executable: tool.url,
        arguments: [output.path],
        inputFiles: inputs + [tool.url],
        outputFiles: [output])
    ]
  }

  private func catalogueSources(in directory: URL) throws -> [URL] {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
    return names.filter { $0.hasSuffix(".swift") }.sorted().map { directory.appending(path: $0) }
  }
}
