import ReachClient
import Testing

@Suite struct TargetConfigTests {
  @Test func parsesTargetsAndSecretSources() throws {
    let config = try TargetConfig.parse(
      """
      default: staging
      targets:
        staging:
          url: https://staging.example
          jwt: { env: STAGING_JWT }
          apiKey: { command: "printf key" }
      """, file: "reach.yaml")
    #expect(config.defaultTarget == "staging")
    let entry = try #require(config.entry(named: "staging"))
    #expect(entry.jwt == .environment("STAGING_JWT"))
    #expect(entry.apiKey == .command("printf key"))
  }

  @Test func literalSecretsAreRefusedWithTheirPosition() {
    #expect(
      throws: TargetError.config(
        file: "reach.yaml", line: 4, column: 10,
        message:
          "targets.staging.jwt: a literal secret is not allowed in a file; use { env: NAME } or { command: \"...\" }")
    ) {
      try TargetConfig.parse(
        """
        targets:
          staging:
            url: https://staging.example
            jwt: abc.def.ghi
            apiKey: { env: K }
        """, file: "reach.yaml")
    }
  }

  @Test func unknownKeysSuggest() {
    #expect(
      throws: TargetError.config(
        file: "r.yaml", line: 3, column: 5, message: "unknown key 'ulr' in target 's' (did you mean 'url'?)")
    ) {
      try TargetConfig.parse("targets:\n  s:\n    ulr: https://x.example\n", file: "r.yaml")
    }
  }

  @Test func secretsComeFromEnvironmentOrCommand() throws {
    #expect(try SecretSource.environment("A").resolve(name: "a", environment: ["A": "from-env"]) == "from-env")
    #expect(throws: TargetError.missingEnvironment(["B"])) {
      try SecretSource.environment("B").resolve(name: "b", environment: [:])
    }
    #expect(try SecretSource.command("printf 'from-command\\n'").resolve(name: "c", environment: [:]) == "from-command")
    #expect(throws: TargetError.secretCommandFailed(name: "d", status: 3, message: "no such secret")) {
      try SecretSource.command("echo 'no such secret' >&2; exit 3").resolve(name: "d", environment: [:])
    }
  }
}
