import ArgumentParser
import Foundation
import Playbook

struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check playbooks against the format and the endpoint catalogue, sending nothing.",
    discussion: """
      Every problem is one line FILE:LINE:COL: error: message on stderr; all problems of every \
      file are reported. A value outside an enum that reach assumed (the guide lists no values) \
      is a warning: FILE:LINE:COL: warning: message, and so is a log, fail or output that reads a \
      secret (allowed, and masked). Exit status 0 when all are sound (warnings or not), 2 otherwise.
      """)

  @Argument(help: ArgumentHelp("Playbook files, or directories to search for *.yaml.", valueName: "path"))
  var paths: [String]

  @OptionGroup var contract: ContractOptions

  func validate() throws {
    for path in paths where !FileManager.default.fileExists(atPath: path) {
      throw ValidationError("no such file or directory: \(path)")
    }
  }

  func run() throws {
    var diagnostics = PlaybookValidator(strictContract: contract.strict).validate(files: paths)
    // A log, fail or output that reads a secret is allowed (masked), but said.
    for path in PlaybookFiles.expand(paths) {
      guard let playbook = PlaybookSource.fileSystem.load(path)?.playbook else { continue }
      diagnostics += SecretReads.warnings(in: playbook)
    }
    diagnostics.sort()
    for diagnostic in diagnostics { Console.diagnostic(diagnostic.description) }
    let errors = diagnostics.errors.count
    guard errors == 0 else {
      Console.error("\(errors) problem\(errors == 1 ? "" : "s") found")
      throw ExitStatus.invalid
    }
    let warnings = diagnostics.warnings.count
    Console.out(
      "no problems found in \(paths.joined(separator: ", "))"
        + (warnings == 0 ? "" : " (\(warnings) warning\(warnings == 1 ? "" : "s"))"))
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
