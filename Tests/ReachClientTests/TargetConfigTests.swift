import Foundation
import ReachClient
import Synchronization
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
    #expect(throws: TargetError.unsetVariable(name: "staging.jwt", variable: "B")) {
      try SecretSource.environment("B").resolve(name: "staging.jwt", environment: [:])
    }
    // Named for the target and the variable: no --target URL was given.
    #expect(
      TargetError.unsetVariable(name: "staging.jwt", variable: "REACH_JWT").description
        == "target 'staging' takes its jwt from the environment variable REACH_JWT, which is not set: "
        + "export REACH_JWT (or give 'staging' a command for it in the configuration)")
    #expect(try SecretSource.command("printf 'from-command\\n'").resolve(name: "c", environment: [:]) == "from-command")
    #expect(throws: TargetError.secretCommandFailed(name: "d", status: 3, message: "no such secret")) {
      try SecretSource.command("echo 'no such secret' >&2; exit 3").resolve(name: "d", environment: [:])
    }
  }

  /// A command that writes more to stderr than a pipe holds before it prints the secret: both
  /// pipes are read at once, so neither side waits on the other. The resolution runs on a thread
  /// of its own, so that a regression fails here (after a generous minute) instead of hanging.
  @Test func aCommandThatSaysMuchOnStderrStillGivesItsSecret() throws {
    let flood = "head -c 300000 /dev/zero | tr '\\0' w >&2"
    let results = Mutex<[Result<String, TargetError>]>([])
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
      for (name, command) in [("c", flood + "; printf 'the-secret\\n'"), ("f", "echo denied >&2; \(flood); exit 4")] {
        let result = Result { () throws(TargetError) in try SecretSource.command(command).resolve(name: name) }
        results.withLock { $0.append(result) }
      }
      done.signal()
    }
    guard done.wait(timeout: .now() + 60) == .success else {
      Issue.record("a command's stderr over 64 KiB left the resolution waiting")
      return
    }
    let (given, refused) = results.withLock { ($0[0], $0[1]) }
    #expect(try given.get() == "the-secret")
    #expect(throws: TargetError.secretCommandFailed(name: "f", status: 4, message: "denied")) { try refused.get() }
  }

  /// `proxy:` per target: a URL, `none`, or the name of a variable that holds a URL with
  /// credentials; never the credentials themselves.
  @Test func eachTargetMayNameItsProxy() throws {
    let config = try TargetConfig.parse(
      """
      targets:
        staging:
          url: https://staging.example
          jwt: { env: J }
          apiKey: { env: K }
          proxy: http://proxy.corp.example:3128
        direct:
          url: https://direct.example
          jwt: { env: J }
          apiKey: { env: K }
          proxy: none
        guarded:
          url: https://guarded.example
          jwt: { env: J }
          apiKey: { env: K }
          proxy: { env: GUARDED_PROXY }
        plain:
          url: https://plain.example
          jwt: { env: J }
          apiKey: { env: K }
      """, file: "reach.yaml")
    #expect(
      config.entry(named: "staging")?.proxy == .through(ProxySettings.Proxy(host: "proxy.corp.example", port: 3128)))
    #expect(config.entry(named: "direct")?.proxy == .direct)
    #expect(config.entry(named: "guarded")?.proxy == .environment("GUARDED_PROXY"))
    #expect(config.entry(named: "plain")?.proxy == nil)
  }

  @Test(arguments: [
    (
      "http://ops:hunter2@proxy.corp.example:3128",
      "targets.s.proxy: a proxy's credentials are not allowed in a file; give the proxy URL with them in an "
        + "environment variable and name it: proxy: { env: NAME }; give http://host:port, none, or { env: NAME } "
        + "for a proxy URL with credentials"
    ),
    (
      "socks5://proxy:1080",
      "targets.s.proxy: only http:// proxies are supported, not socks5://; give http://host:port, none, or "
        + "{ env: NAME } for a proxy URL with credentials"
    ),
    (
      "{ command: \"cat proxy.txt\" }",
      "targets.s.proxy: give http://host:port, none, or { env: NAME } for a proxy URL with credentials"
    ),
  ])
  func aProxyItCannotUseIsRefusedWithItsPosition(value: String, message: String) {
    #expect(throws: TargetError.config(file: "r.yaml", line: 6, column: 12, message: message)) {
      try TargetConfig.parse(
        "targets:\n  s:\n    url: https://x.example\n    jwt: { env: J }\n    apiKey: { env: K }\n    proxy: \(value)\n",
        file: "r.yaml")
    }
  }

  @Test func unknownKeysSuggestProxy() {
    #expect(
      throws: TargetError.config(
        file: "r.yaml", line: 3, column: 5, message: "unknown key 'proxi' in target 's' (did you mean 'proxy'?)")
    ) {
      try TargetConfig.parse("targets:\n  s:\n    proxi: http://p.example:3128\n", file: "r.yaml")
    }
  }
}
