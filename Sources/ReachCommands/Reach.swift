public import ArgumentParser
import Foundation
import Logging

/// `reach`: runs declarative playbooks against the Reach Mobile Platform API.
public struct Reach: AsyncParsableCommand {
  public static let version = "0.1.0"

  public static let configuration = CommandConfiguration(
    commandName: "reach",
    abstract: "Run Reach Mobile Platform API calls and playbooks against the sandbox or staging.",
    discussion: """
      Targets: --target <url> takes the JWT and API key from REACH_JWT and REACH_API_KEY; \
      --target <name> reads reach.yaml (or --config), where each secret comes from an \
      environment variable or a command. Secrets are never printed.
      """,
    version: "reach \(Reach.version)",
    subcommands: [
      RunCommand.self, ValidateCommand.self, SchemaCommand.self, EndpointsCommand.self, CallCommand.self,
      OpenAPICommand.self, SandboxCommand.self, WebhooksCommand.self, RunsCommand.self,
    ])

  public init() {}
}

/// The process entry point, so the executable needs nothing but this module.
public enum ReachMain {
  /// Parses and runs the command. A usage error (an unknown option, a missing argument, a value a
  /// `validate()` refuses) exits 2 like every other invalid input, as the README documents,
  /// instead of ArgumentParser's 64.
  public static func run() async {
    // What any library logs is masked like the console.
    LoggingSystem.bootstrap { MaskingLogHandler(label: $0, masker: Console.masker) }
    do {
      var command = try Reach.parseAsRoot()
      if var command = command as? any AsyncParsableCommand {
        try await command.run()
      } else {
        try command.run()
      }
    } catch {
      guard Reach.exitCode(for: error) == .validationFailure else { Reach.exit(withError: error) }
      Console.note(Reach.fullMessage(for: error))
      Reach.exit(withError: ExitStatus.invalid)
    }
  }
}
