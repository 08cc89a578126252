import Testing

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
  func exitsTwo(_ arguments: [String]) throws {
    let result = try ShippedPlaybooksTests.reach(arguments)
    #expect(result.status == 2, "\(arguments): \(result.output)\(result.errors)")
    #expect(result.errors.contains("Error: ") || result.errors.contains("reach: "), "\(result.errors)")
  }

  @Test(.enabled(if: ShippedPlaybooksTests.binaryBuilt), arguments: [["--help"], ["--version"], ["run", "--help"]])
  func helpAndVersionExitZero(_ arguments: [String]) throws {
    #expect(try ShippedPlaybooksTests.reach(arguments).status == 0)
  }
}
