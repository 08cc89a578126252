import ArgumentParser

/// `reach sandbox`: the embedded simulator of the platform, run standalone.
struct SandboxCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sandbox",
    abstract: "Run the Reach sandbox standalone, or make it send a notification event.",
    subcommands: [SandboxServeCommand.self, SandboxTriggerCommand.self])
}
