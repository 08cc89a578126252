import Foundation
import ReachCatalogue
import Testing

/// Issue 15, item 7: every command's `--help` works and documents every option and argument.
@Suite struct HelpTests {
  /// The command tree as ArgumentParser describes it (`--experimental-dump-help`), as paths
  /// (`["sandbox", "serve"]`) with each argument's names and help.
  static func commands() async throws -> [(path: [String], arguments: [(name: String, help: String)])] {
    let dump = try await ShippedPlaybooksTests.reach(["--experimental-dump-help"])
    let tool = try JSONParser.parse(bytes: Array(dump.output.utf8))
    var found: [(path: [String], arguments: [(name: String, help: String)])] = []
    func walk(_ command: JSONValue, _ path: [String]) {
      // ArgumentParser's own `help` subcommand documents itself.
      guard path.last != "help" else { return }
      let arguments = (command["arguments"]?.arrayValue ?? []).map { argument in
        let name =
          argument["names"]?.arrayValue?.compactMap { $0["name"]?.stringValue }.joined(separator: "/")
          ?? argument["valueName"]?.stringValue ?? "?"
        return (name, argument["abstract"]?.stringValue ?? "")
      }
      found.append((path, arguments))
      for sub in command["subcommands"]?.arrayValue ?? [] {
        walk(sub, path + [sub["commandName"]?.stringValue ?? "?"])
      }
    }
    walk(try #require(tool["command"]), [])
    return found
  }

  @Test(.enabled(if: ShippedPlaybooksTests.binaryBuilt)) func everyCommandsHelpWorksAndDocumentsEveryArgument()
    async throws
  {
    let commands = try await Self.commands()
    // reach, its nine commands, and the subcommands of sandbox, webhooks and runs.
    #expect(commands.count >= 17, "\(commands.map(\.path))")
    for (path, arguments) in commands {
      for (name, help) in arguments where name != "h/help/help" {
        #expect(!help.isEmpty, "reach \(path.joined(separator: " ")): \(name) has no help")
      }
      let result = try await ShippedPlaybooksTests.reach(path + ["--help"])
      #expect(result.status == 0, "reach \(path.joined(separator: " ")) --help: \(result.errors)")
      #expect(result.output.contains("USAGE: reach \(path.joined(separator: " "))"), "\(result.output)")
      #expect(result.output.contains("OVERVIEW: "), "reach \(path.joined(separator: " ")) has no abstract")
    }
  }
}
