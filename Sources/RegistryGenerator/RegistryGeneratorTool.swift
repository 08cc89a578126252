import Foundation
import ReachCatalogue
import RegistryGeneratorCore

/// The build-tool plugin's tool: writes the endpoint registry generated from the catalogue to the
/// path it is given, and leaves the file alone when nothing changed. An `@main` type rather than
/// top-level code, so it also builds as a library would (`swift build --sanitize=fuzzer`).
@main enum RegistryGeneratorTool {
  static func main() {
    let arguments = CommandLine.arguments.dropFirst()
    guard arguments.count == 1, let outputPath = arguments.first else {
      FileHandle.standardError.write(Data("usage: RegistryGenerator <output.swift>\n".utf8))
      exit(2)
    }
    let source = RegistryGenerator.source(for: Catalogue.endpoints)
    let url = URL(fileURLWithPath: outputPath)
    guard (try? String(contentsOf: url, encoding: .utf8)) != source else { return }
    do {
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try source.write(to: url, atomically: true, encoding: .utf8)
    } catch {
      FileHandle.standardError.write(Data("RegistryGenerator: cannot write \(outputPath): \(error)\n".utf8))
      exit(1)
    }
  }
}
