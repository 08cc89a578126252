import Dispatch
import Foundation
import ReachCatalogue
import ReachClient
import ReachSandbox
import Testing

/// A `customer` step against a target that is not a sandbox is a person's: the run prints what
/// they must do and waits for the platform to report it (here the test is the person, paying on
/// the hosted page of a `reach sandbox serve` given as a plain URL, which reach never takes for a
/// sandbox); off a terminal, without `--customer-steps wait`, the step fails and sends nothing.
@Suite(.serialized) struct PersonStepTests {
  static let scenarioA = "Playbooks/scenarios/a-new-customer-purchase.yaml"
  /// The sandbox's clock against the run's real one (which polls every 5 s): the order waits for
  /// its payment after 5 s / 60 and its link stays valid for 30 min / 60 = 30 s of wall time.
  static let speed = 60.0

  /// A `reach` run whose stdout is read as it comes.
  final class Running: @unchecked Sendable {
    let process = Process()
    private let out = Pipe()
    private let err = Pipe()
    /// What stdout said so far; only read or written on `queue`.
    private var said = ""
    private let queue = DispatchQueue(label: "reach-output")

    init(_ arguments: [String], environment extra: [String: String]) throws {
      process.executableURL = ShippedPlaybooksTests.binary
      process.arguments = arguments
      process.currentDirectoryURL = ShippedPlaybooksTests.root
      var environment = ProcessInfo.processInfo.environment
      environment["NO_COLOR"] = "1"
      environment.merge(extra) { _, new in new }
      process.environment = environment
      process.standardOutput = out
      process.standardError = err
      process.standardInput = FileHandle.nullDevice
      try process.run()
    }

    /// Reads stdout until a line starts with `prefix` (that line), or stdout ends (nil).
    func line(startingWith prefix: String) async -> String? {
      await withCheckedContinuation { continuation in
        queue.async {
          while true {
            if let line = self.said.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) {
              continuation.resume(returning: String(line))
              return
            }
            let data = self.out.fileHandleForReading.availableData
            if data.isEmpty {
              continuation.resume(returning: nil)
              return
            }
            self.said += String(decoding: data, as: UTF8.self)
          }
        }
      }
    }

    /// Waits for the run to end: its status, all of stdout and stderr.
    func finish() async -> ShippedPlaybooksTests.Result {
      await withCheckedContinuation { continuation in
        queue.async {
          let rest = self.out.fileHandleForReading.readDataToEndOfFile()
          let errors = self.err.fileHandleForReading.readDataToEndOfFile()
          self.process.waitUntilExit()
          self.said += String(decoding: rest, as: UTF8.self)
          continuation.resume(
            returning: ShippedPlaybooksTests.Result(
              status: self.process.terminationStatus, output: self.said,
              errors: String(decoding: errors, as: UTF8.self)))
        }
      }
    }
  }

  @Test(.enabled(if: ShippedPlaybooksTests.binaryBuilt)) func aPersonPaysWhileTheRunWaits() async throws {
    let credentials = SandboxCredentials.random()
    let folder = try BulkRunTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let reports = ["json", "junit", "md", "html"].map { ($0, folder.appendingPathComponent("a.\($0)").path) }
    try await SecretCanaryTests.serve(credentials: credentials, speed: Self.speed) { url in
      let run = try Running(
        [
          "run", Self.scenarioA, "--target", url, "--var", "mode=polling", "--customer-steps", "wait",
          "--journal", folder.appendingPathComponent("journal.sqlite").path,
        ] + reports.flatMap { ["--report", "\($0.0)=\($0.1)"] },
        environment: ["REACH_JWT": credentials.jwt, "REACH_API_KEY": credentials.apiKey])
      // The run says what the person must do, and where.
      let open = try #require(await run.line(startingWith: "    open "))
      let page = String(open.dropFirst("    open ".count))
      #expect(page.hasPrefix(url + "/"), "\(page)")
      // The person pays on the hosted page in their browser while the run waits.
      let browser = ReachClient(
        target: try Target(
          name: "browser", baseURL: url, credentials: Credentials(jwt: credentials.jwt, apiKey: credentials.apiKey),
          isSandbox: true))
      let paid = try await browser.submitHostedForm(url: page, fields: [("cardNumber", MagicValues.defaultCard)])
      #expect(paid.status == 302)
      let result = await run.finish()
      #expect(result.status == 0, "\(result.output)\n\(result.errors)")
      let deadline =
        #/✋ pay by a person: pay on the hosted payment page with the test card ending 4242 before \S+ \(link.expireDate\)/#
      #expect(result.output.contains(deadline), "\(result.output)")
      #expect(
        result.output.contains(
          "  · completion: waiting on a person to pay at \(page): the platform reports it when they have"),
        "\(result.output)")
      #expect(result.output.contains("✔ completion "), "\(result.output)")
      #expect(result.output.contains("PASSED"))
      #expect(result.output.contains(", 1 by a person in"), "\(result.output)")
      // Every report says what the person did by hand.
      let texts = try Dictionary(
        uniqueKeysWithValues: reports.map { ($0.0, try String(contentsOfFile: $0.1, encoding: .utf8)) })
      #expect(texts["md"]!.contains("## What a person did by hand"))
      #expect(texts["md"]!.contains("✋ by a person"))
      #expect(texts["html"]!.contains("<h2>What a person did by hand</h2>"))
      #expect(texts["junit"]!.contains("<system-out>by a person: pay on the hosted payment page"))
      #expect(texts["json"]!.contains("\"outcome\":\"by_person\""), "\(texts["json"]!)")
      for (format, text) in texts { #expect(text.contains(page), "\(format) names the page") }
    }
  }

  /// Scenario G: a person adds the card; the card list, polled, shows it.
  @Test(.enabled(if: ShippedPlaybooksTests.binaryBuilt)) func aPersonAddsACardWhileTheRunPolls() async throws {
    let credentials = SandboxCredentials.random()
    let folder = try BulkRunTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try await SecretCanaryTests.serve(
      credentials: credentials, speed: Self.speed, options: SandboxOptions(customers: 1)
    ) { url in
      let run = try Running(
        [
          "run", "Playbooks/scenarios/g-add-card.yaml", "--target", url, "--var",
          "customerId=\(SandboxPopulation.customerId(1))", "--customer-steps", "wait", "--journal",
          folder.appendingPathComponent("journal.sqlite").path,
        ], environment: ["REACH_JWT": credentials.jwt, "REACH_API_KEY": credentials.apiKey])
      let open = try #require(await run.line(startingWith: "    open "))
      let page = String(open.dropFirst("    open ".count))
      let browser = ReachClient(
        target: try Target(
          name: "browser", baseURL: url, credentials: Credentials(jwt: credentials.jwt, apiKey: credentials.apiKey),
          isSandbox: true))
      let added = try await browser.submitHostedForm(url: page, fields: [("cardNumber", "5555555555554444")])
      #expect(added.status == 302)
      let result = await run.finish()
      #expect(result.status == 0, "\(result.output)\n\(result.errors)")
      #expect(
        result.output.contains(
          "✋ add by a person: add a card on the hosted add-card page with the test card ending 4444 before "),
        "\(result.output)")
      #expect(result.output.contains("  · after: waiting on a person to add a card at \(page)"), "\(result.output)")
      #expect(result.output.contains("✔ after "), "\(result.output)")
    }
  }

  @Test(.enabled(if: ShippedPlaybooksTests.binaryBuilt)) func offATerminalTheStepFailsAndSendsNothing() async throws {
    let credentials = SandboxCredentials.random()
    let folder = try BulkRunTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try await SecretCanaryTests.serve(credentials: credentials, speed: Self.speed) { url in
      let environment = ["REACH_JWT": credentials.jwt, "REACH_API_KEY": credentials.apiKey]
      let run = try Running(
        [
          "run", Self.scenarioA, "--target", url, "--var", "mode=polling", "--journal",
          folder.appendingPathComponent("journal.sqlite").path,
        ], environment: environment)
      let result = await run.finish()
      #expect(result.status == 1, "\(result.output)\n\(result.errors)")
      #expect(
        result.output.contains(
          "✘ pay 0ms  a person must pay on the hosted page, and none is asked to: this run is not on a terminal"),
        "\(result.output)")
      #expect(result.output.contains("give --customer-steps wait to wait for one"))
      #expect(!result.output.contains("    open "), "no page to open: nobody is asked")
      // Nothing was sent for the step: the order still waits for its payment.
      let transaction = try #require(result.output.firstMatch(of: #/transactionId=(\S+)/#)?.1)
      let status = try await ShippedPlaybooksTests.reach(
        ["call", "product.status", "transactionId=\(transaction)", "--target", url], environment: environment)
      #expect(status.status == 0, "\(status.errors)")
      #expect(status.output.contains("PAYMENT_PENDING"), "\(status.output)")
      // --customer-steps takes wait or fail, nothing else.
      let wrong = try await ShippedPlaybooksTests.reach(
        ["run", Self.scenarioA, "--target", url, "--customer-steps", "later"], environment: environment)
      #expect(wrong.status == 2)
      #expect(wrong.errors.contains("--customer-steps must be wait or fail, not 'later'"), "\(wrong.errors)")
    }
  }
}
