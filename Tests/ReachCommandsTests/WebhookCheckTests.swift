import Foundation
import Hummingbird
import HummingbirdTLS
import Logging
import Playbook
import PlaybookRunner
import ReachCatalogue
import ReachClient
import ReachWebhooks
import Synchronization
import Testing

@testable import ReachCommands

/// The webhook check through the real probe against real HTTPS endpoints on loopback: reach's
/// own receiver (compliant), and brand endpoints that answer 500 or never answer.
@Suite struct WebhookCheckTests {
  /// An HTTPS endpoint with a throwaway certificate whose every POST gets `respond`'s answer.
  static func serve(
    _ respond: @escaping @Sendable () async -> Response, _ body: (String, WebhookTLS) async throws -> Void
  ) async throws {
    let tls = try WebhookTLS.selfSigned()
    let router = Router()
    router.post("**") { _, _ in await respond() }
    try await LoopbackServer.run(
      router.buildResponder(), label: "brand-endpoint",
      server: try .tls(.http1(), tlsConfiguration: tls.serverConfiguration)
    ) { port in
      try await body("https://127.0.0.1:\(port)", tls)
    }
  }

  static func run(_ playbook: String, probe: RunProbe) async -> (RunResult, RunSummary) {
    var runner = PlaybookRunner(
      caller: DryRunCaller(redactor: Redactor()), clock: VirtualClock(), source: .inMemory(["p.yaml": playbook]))
    runner.probe = probe
    let events = Mutex<[RunEvent]>([])
    let result = await runner.run(file: "p.yaml") { event in events.withLock { $0.append(event) } }
    return (result, RunSummary(events.withLock { $0 }))
  }

  @Test func reachsOwnReceiverPassesAndStoresTheDuplicateOnce() async throws {
    let probe = RunProbe(credentialSources: [])
    let (result, summary) = await Self.run(
      """
      name: w
      steps:
        - id: callbacks
          check: { webhook: embedded, endpoint: callback, within: 2m }
        - id: notifications
          check: { webhook: embedded, endpoint: notification, within: 2m }
      """, probe: probe)
    // A generous limit: this asserts what the receiver answers, not how fast a loaded machine is.
    #expect(result.outcome == .passed, "\(summary.rows.compactMap(\.message))")
    #expect(summary.rows[0].evidence.map(\.status) == [200, 200, 200, 200])
    #expect(summary.rows[0].evidence.allSatisfy { $0.subject.hasPrefix("POST https://127.0.0.1:") })
    // Three callback types and four notification types stored; the duplicate callback was not.
    let store = try #require(await probe.receiverStore)
    #expect(try store.count() == 7)
    await probe.stop()
  }

  @Test func anEndpointAnswering500FailsNamingEachType() async throws {
    try await Self.serve({ Response(status: .internalServerError) }) { url, tls in
      let probe = RunProbe(credentialSources: [], trusting: tls)
      let (result, summary) = await Self.run(
        "name: w\nsteps:\n  - id: hook\n    check: { webhook: \"\(url)/cb\", endpoint: callback }\n", probe: probe)
      #expect(result.outcome == .failed("1 check failed: hook"))
      #expect(
        summary.rows[0].message == """
          ACTIVATION: \(url)/cb answered HTTP 500, expected 200
          PRODUCT_PURCHASE: \(url)/cb answered HTTP 500, expected 200
          PURCHASE_SUBSEQUENT: \(url)/cb answered HTTP 500, expected 200
          ACTIVATION again (duplicate): \(url)/cb answered HTTP 500, expected 200
          """)
    }
  }

  /// An endpoint that never answers: the post gives up one second after `within` and the check
  /// fails whatever the machine's speed.
  @Test func anEndpointThatNeverAnswersFails() async throws {
    let (never, _) = AsyncStream.makeStream(of: Int.self)
    try await Self.serve({
      for await _ in never {}
      return Response(status: .ok)
    }) { url, tls in
      let probe = RunProbe(credentialSources: [], trusting: tls)
      let (result, summary) = await Self.run(
        "name: w\nsteps:\n  - id: hook\n    check: { webhook: \"\(url)/n\", endpoint: notification, within: 1s }\n",
        probe: probe)
      #expect(result.outcome == .failed("1 check failed: hook"))
      let lines = summary.rows[0].message?.split(separator: "\n").map(String.init) ?? []
      #expect(lines.count == 2)
      #expect(lines.first?.hasPrefix("USAGE_NOTIFICATION: no answer from \(url)/n: ") == true)
      #expect(lines.last == "the other 3 samples were not posted")
    }
  }

  @Test func anUntrustedCertificateIsNoAnswer() async throws {
    try await Self.serve({ Response(status: .ok) }) { url, _ in
      let (result, summary) = await Self.run(
        "name: w\nsteps:\n  - id: hook\n    check: { webhook: \"\(url)/n\", endpoint: notification }\n",
        probe: RunProbe(credentialSources: []))
      #expect(result.outcome == .failed("1 check failed: hook"))
      #expect(summary.rows[0].evidence.count == 1)
      #expect(summary.rows[0].evidence.allSatisfy { $0.status == nil && $0.note != nil })
    }
  }
}
