import Foundation
import NIOCore
import Testing

@testable import ReachCommands

/// Every usage error exits 2, as the README says of invalid input ("nothing was sent"), not with
/// ArgumentParser's own 64; help and version still exit 0.
@Suite struct UsageErrorTests {
  @Test(
    .enabled(if: ShippedPlaybooksTests.binaryBuilt),
    arguments: [
      ["run", "/nonexistent/playbook.yaml"],
      ["run", "Playbooks/scenarios/a-new-customer-purchase.yaml", "--report", "pdf=x"],
      ["endpoints", "--scenario", "Z"],
      ["sandbox", "trigger", "BOGUS", "--customer", "SUB0000001"],
      ["sandbox", "trigger", "USAGE_NOTIFICATION", "--customer", "SUB0000001", "--jwt", "x"],
      ["webhooks", "list", "--since", "yesterday"],
      ["run"],
      ["no-such-command"],
      ["validate", "--no-such-option"],
    ])
  func exitsTwo(_ arguments: [String]) async throws {
    let result = try await ShippedPlaybooksTests.reach(arguments)
    #expect(result.status == 2, "\(arguments): \(result.output)\(result.errors)")
    #expect(result.errors.contains("Error: ") || result.errors.contains("reach: "), "\(result.errors)")
  }

  @Test(.enabled(if: ShippedPlaybooksTests.binaryBuilt), arguments: [["--help"], ["--version"], ["run", "--help"]])
  func helpAndVersionExitZero(_ arguments: [String]) async throws {
    let result = try await ShippedPlaybooksTests.reach(arguments)
    #expect(result.status == 0)
  }

  /// An input error is told once, at the input's declaration, with why; a run that never
  /// started has no footer about the sandbox's clock.
  @Test(.enabled(if: ShippedPlaybooksTests.binaryBuilt))
  func anUnreadableInputIsToldOnceAtItsDeclaration() async throws {
    let result = try await ShippedPlaybooksTests.reach([
      "run", "Playbooks/ops/bulk-suspend.yaml", "--var", "customers=/nonexistent/lines.csv",
    ])
    #expect(result.status == 2)
    let text = result.output + result.errors
    let line =
      "Playbooks/ops/bulk-suspend.yaml:17:3: error: input 'customers': cannot read '/nonexistent/lines.csv': there is no such file"
    #expect(text.components(separatedBy: line).count == 2, "\(text)")
    #expect(!text.contains("times above"), "\(text)")
  }

  /// Issue #19 item 8: a `--var` the playbook does not take is a usage error named as given, with
  /// the inputs it does take, at no made-up position in the file; nothing starts.
  @Test(.enabled(if: ShippedPlaybooksTests.binaryBuilt))
  func anUnknownVarIsNamedAsGivenWithTheInputs() async throws {
    let result = try await ShippedPlaybooksTests.reach([
      "run", "Playbooks/ops/bulk-suspend.yaml", "--var", "customers=/nonexistent/lines.csv", "--var", "nosuch=1",
    ])
    #expect(result.status == 2, "\(result.output)\(result.errors)")
    #expect(
      result.errors
        == "reach: --var nosuch=…: unknown input 'nosuch'; the playbook's inputs are: customers, reason, verify\n",
      "\(result.errors)")
    #expect(!result.output.contains("target:"), "\(result.output)")
    #expect(!(result.output + result.errors).contains("bulk-suspend.yaml:1:1"))
  }

  /// A server that cannot listen says where and what to do, not NIO's `bind(descriptor:…)`.
  @Test func aPortInUseIsOneSentenceWithTheAddress() {
    let error = IOError(errnoCode: EADDRINUSE, reason: "bind(descriptor:ptr:bytes:)")
    #expect(
      ListenFailure.describe(error, host: "127.0.0.1", port: 8080)
        == "cannot listen on 127.0.0.1:8080: the port is in use (by another reach, or another program); choose another with --port, or --port 0 for any free one"
    )
  }
}
