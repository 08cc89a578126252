import ArgumentParser
import Foundation
import Playbook

struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check playbooks against the format and the endpoint catalogue, sending nothing.",
    discussion: """
      Every problem is one line FILE:LINE:COL: error: message on stderr; all problems of every \
      file are reported. Exit status 0 when all are sound, 2 otherwise.
      """)

  @Argument(help: ArgumentHelp("Playbook files, or directories to search for *.yaml.", valueName: "path"))
  var paths: [String]

  func validate() throws {
    for path in paths where !FileManager.default.fileExists(atPath: path) {
      throw ValidationError("no such file or directory: \(path)")
    }
  }

  func run() throws {
    let diagnostics = PlaybookValidator().validate(files: paths)
    guard diagnostics.isEmpty else {
      for diagnostic in diagnostics { Console.diagnostic(diagnostic.description) }
      Console.error("\(diagnostics.count) problem\(diagnostics.count == 1 ? "" : "s") found")
      throw ExitStatus.invalid
    }
    Console.out("no problems found in \(paths.joined(separator: ", "))")
  }
}

struct SchemaCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "schema",
    abstract: "Print the JSON Schema of the playbook format, for editors (Playbooks/playbook.schema.json).")

  func run() throws {
    Console.out(PlaybookSchema.text)
  }
}
