import Foundation
import ReachCatalogue
import RegistryGeneratorCore

// The build-tool plugin's tool: writes the endpoint registry generated from the catalogue to
// the path it is given, and leaves the file alone when nothing changed.
let arguments = CommandLine.arguments.dropFirst()
guard arguments.count == 1, let outputPath = arguments.first else {
  FileHandle.standardError.write(Data("usage: RegistryGenerator <output.swift>\n".utf8))
  exit(2)
}
let source = RegistryGenerator.source(for: Catalogue.endpoints)
let url = URL(fileURLWithPath: outputPath)
if (try? String(contentsOf: url, encoding: .utf8)) != source {
  do {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try source.write(to: url, atomically: true, encoding: .utf8)
  } catch {
    FileHandle.standardError.write(Data("RegistryGenerator: cannot write \(outputPath): \(error)\n".utf8))
    exit(1)
  }
}
