import Foundation
import Playbook
import PlaybookRunner
import ReachCatalogue
import ReachClient
import Synchronization
import Testing

/// `check` and `manual` steps in the runner, and the file scans behind them.
@Suite struct CheckTests {
  /// Records what the checks asked of the outside and answers from a script: the verdict logic
  /// of the rate-limit check needs schedules the real client never produces. (Webhook posts are
  /// tested against real receivers in GoLiveChecklistTests.)
  final class ScriptedProbe: GoLiveProbe {
    let posts = Mutex<[String]>([])
    let observed: RateLimitResult
    let credentialSources: [String]

    init(observed: RateLimitResult = RateLimitResult(calls: []), credentialSources: [String] = ["jwt: env"]) {
      self.observed = observed
      self.credentialSources = credentialSources
    }

    func post(_ url: String, body: JSONValue, timeout: Duration) async -> WebhookPostResult {
      posts.withLock { $0.append(url) }
      return WebhookPostResult(status: 200, elapsed: .milliseconds(5))
    }

    func rateLimited(perSecond: Int, calls: Int) async -> RateLimitResult { observed }

    func embeddedReceiver(_ endpoint: WebhookEndpoint) async -> String? { nil }
  }

  static func directory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("checks-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  func run(_ playbook: String, probe: any GoLiveProbe, inputs: [String: JSONValue] = [:]) async -> (
    RunResult, [RunEvent]
  ) {
    var runner = PlaybookRunner(caller: NeverCaller(), clock: VirtualClock(), source: .inMemory(["p.yaml": playbook]))
    runner.probe = probe
    let log = EventLog()
    let result = await runner.run(file: "p.yaml", inputs: inputs, events: log.sink)
    return (result, log.all)
  }

  @Test func aManualStepIsListedAndDoesNotFailTheRun() async {
    let (result, events) = await run(
      """
      name: m
      steps:
        - id: ips
          manual: Egress IPs allowlisted
        - log: "${{ steps.ips.text }}"
      """, probe: ScriptedProbe())
    #expect(result.outcome == .passed)
    #expect(
      events.contains { event in
        if case .stepFinished(let step, .manual("Egress IPs allowlisted"), _, _) = event { return step.label == "ips" }
        return false
      })
    #expect(RunSummary(events).counts == "1 passed, 1 manual")
  }

  @Test func failingChecksLetTheRunGoOnAndAreNamedAtTheEnd() async throws {
    let folder = try Self.directory()
    defer { try? FileManager.default.removeItem(at: folder) }
    try "redirectUrl: http://brand.example/back\ncallbackUrl: https://brand.example/cb\n".write(
      to: folder.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
    let probe = ScriptedProbe()
    let (result, events) = await run(
      """
      name: c
      inputs:
        folder: { type: string, required: true }
      steps:
        - id: urls
          check: { https: "${{ inputs.folder }}" }
        - id: hook
          check: { webhook: "http://brand.example/cb", endpoint: callback }
        - id: after
          log: "${{ len(steps.urls.findings) }} finding"
      """, probe: probe, inputs: ["folder": .string(folder.path)])
    #expect(result.outcome == .failed("2 checks failed: urls, hook"))
    // The plain-http endpoint is refused before anything is posted to it.
    #expect(probe.posts.withLock { $0 } == [])
    let summary = RunSummary(events)
    #expect(summary.rows.map(\.result) == [.failed, .failed, .passed])
    #expect(
      summary.rows[0].message
        == "\(folder.path)/config.yaml:1: redirectUrl is http://brand.example/back, not https://")
    #expect(summary.rows[1].message?.contains("http://brand.example/cb is not https://") == true)
    #expect(summary.rows[2].logs == ["1 finding"])
  }

  @Test func embeddedWithoutAReceiverFailsSayingWhy() async {
    let probe = ScriptedProbe()
    let (result, events) = await run(
      "name: w\nsteps:\n  - id: cb\n    check: { webhook: embedded }\n", probe: probe)
    #expect(result.outcome == .failed("1 check failed: cb"))
    #expect(probe.posts.withLock { $0 } == [])
    #expect(
      RunSummary(events).rows[0].message
        == "'embedded' is the receiver reach starts against the embedded sandbox; this run has none, so give the endpoint's URL"
    )
  }

  @Test func theRateLimitCheckHoldsTheScheduleToTheGuide() async {
    let good = RateLimitResult(calls: [
      .init(status: 200, waits: []), .init(status: 200, waits: [.seconds(1), .seconds(2)]),
    ])
    let (passed, _) = await run(
      "name: r\nsteps:\n  - id: r\n    check: { rate_limit: 1, calls: 2 }\n", probe: ScriptedProbe(observed: good))
    #expect(passed.outcome == .passed)

    let flat = RateLimitResult(calls: [
      .init(status: 200, waits: [.seconds(1), .seconds(1)]), .init(status: 429, waits: []),
    ])
    let (failed, events) = await run(
      "name: r\nsteps:\n  - id: r\n    check: { rate_limit: 1, calls: 3 }\n", probe: ScriptedProbe(observed: flat))
    #expect(failed.outcome == .failed("1 check failed: r"))
    #expect(
      RunSummary(events).rows[0].message == """
        2 of 3 calls were made against the rate-limited sandbox
        call 1 waited 1s before retry 2; 2.4 says 2s
        call 2 ended with HTTP 429
        """)

    // 2.4 stops at the fifth consecutive 429: a fifth retry is one too many.
    let long = RateLimitResult(calls: [.init(status: 200, waits: [1, 2, 4, 8, 16].map { .seconds($0) })])
    let (tooMany, tooManyEvents) = await run(
      "name: r\nsteps:\n  - id: r\n    check: { rate_limit: 1, calls: 1 }\n", probe: ScriptedProbe(observed: long))
    #expect(tooMany.outcome == .failed("1 check failed: r"))
    #expect(
      RunSummary(tooManyEvents).rows[0].message
        == "call 1 retried 5 times in a row; 2.4 stops at the fifth consecutive 429")
  }

  @Test func withoutProbesEveryCheckFailsSayingWhy() async {
    var runner = PlaybookRunner(
      caller: NeverCaller(), clock: VirtualClock(),
      source: .inMemory(["p.yaml": "name: s\nsteps:\n  - id: s\n    check: { secrets: [] }\n"]))
    runner.probe = ScriptedProbe(credentialSources: [])
    let log = EventLog()
    let result = await runner.run(file: "p.yaml", events: log.sink)
    #expect(result.outcome == .failed("1 check failed: s"))
    #expect(RunSummary(log.all).rows[0].message == "the run does not say where its credentials come from")
  }
}

@Suite struct GoLiveScanTests {
  @Test func findsLiteralSecretsMaskedAndSkipsReferencesAndPlaceholders() throws {
    let folder = try CheckTests.directory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let key = "k" + UUID().uuidString.replacingOccurrences(of: "-", with: "")
    let lines = [
      "apiKey: \(key)",
      "apiKey: ${REACH_API_KEY}",
      "x-api-key: your-api-key-goes-here-1",
      "jwt: { env: REACH_JWT }",
      "REACH_API_KEY=\(key)",
    ]
    try lines.joined(separator: "\n").write(
      to: folder.appendingPathComponent("a.env"), atomically: true, encoding: .utf8)
    // Build output and hidden folders are not the brand's source.
    for hidden in [".build", ".git"] {
      try FileManager.default.createDirectory(
        at: folder.appendingPathComponent(hidden), withIntermediateDirectories: true)
      try "apiKey: \(key)".write(
        to: folder.appendingPathComponent("\(hidden)/x.yaml"), atomically: true, encoding: .utf8)
    }
    let findings = GoLiveScan.literalSecrets([folder.path]).map(\.description)
    #expect(
      findings == [
        "\(folder.path)/a.env:1: a literal apiKey \(key.prefix(4))*** (\(key.count) characters)",
        "\(folder.path)/a.env:5: a literal API_KEY \(key.prefix(4))*** (\(key.count) characters)",
      ])
    #expect(!findings.joined().contains(key))
    #expect(GoLiveScan.files([folder.path + "/missing"]).missing == [folder.path + "/missing"])
  }
}
