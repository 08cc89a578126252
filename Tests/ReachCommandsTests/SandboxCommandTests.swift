import ArgumentParser
import Foundation
import Logging
import ReachCatalogue
import ReachClient
import ReachSandbox
import ReachWebhooks
import Testing

@testable import ReachCommands

@Suite struct SandboxCommandTests {
  @Test func sandboxIsASubcommandWithServeAndTrigger() {
    #expect(Reach.configuration.subcommands.map { $0.configuration.commandName }.contains("sandbox"))
    #expect(SandboxCommand.configuration.subcommands.map { $0.configuration.commandName } == ["serve", "trigger"])
  }

  @Test func serveHelpText() {
    #expect(
      SandboxServeCommand.helpMessage(columns: 120) == """
        OVERVIEW: Serve the sandbox until interrupted, printing one ready line with its URL.

        Without --jwt and --api-key the sandbox makes throwaway credentials and prints them once on stderr. Magic test values:
        docs/sandbox.md.

        USAGE: serve [--host <address>] [--port <port>] [--speed <factor>] [--webhook <url>] [--rate-limit <N/s>] [--faults <faults>] [--seed <n>] [--jwt <jwt>] [--api-key <key>] [--customers <N>] [--customers-csv <path>] [--state <path>]

        OPTIONS:
          --host <address>        The address to listen on. (default: 127.0.0.1)
          --port <port>           The port to listen on; 0 picks a free one. (default: 8080)
          --speed <factor>        How many times faster than real time the clock runs. (default: 1.0)
          --webhook <url>         The brand's base URL that callbacks and notifications are POSTed to.
          --rate-limit <N/s>      Requests per second per API key.
          --faults <faults>       Injected faults and latency, e.g. 500=0.05,503=0.02,504=0.01,latency=20ms.
          --seed <n>              The seed that makes injected faults reproducible. (default: 1)
          --jwt <jwt>             The JWT clients must send (with --api-key).
          --api-key <key>         The x-api-key clients must send (with --jwt).
          --customers <N>         Start with N active subscribers (SUB0000001 onwards) and write their CSV.
          --customers-csv <path>  Where to write the CSV of --customers (header customerId); default: a file in the temporary
                                  directory.
          --state <path>          Keep the sandbox's state in this SQLite file across restarts; without it the state lives in
                                  memory.
          -h, --help              Show help information.

        """)
  }

  @Test func serveDefaultsAndOptions() throws {
    let defaults = try SandboxServeCommand.parse([]).launch()
    #expect(defaults.host == "127.0.0.1")
    #expect(defaults.port == 8080)
    #expect(defaults.speed == 1)
    // Ids from a block of their own, so a restart without a state file gives new ones.
    #expect(defaults.options.idBase > 0)
    #expect(defaults.options == SandboxOptions(idBase: defaults.options.idBase))
    #expect(defaults.generatedCredentials)

    let command = try SandboxServeCommand.parse([
      "--host", "0.0.0.0", "--port", "0", "--speed", "60", "--webhook", "http://127.0.0.1:9000/",
      "--rate-limit", "10/s", "--faults", "500=0.05,503=0.02,504=0.01,latency=20ms", "--seed", "42",
      "--jwt", "j", "--api-key", "k",
    ])
    let launch = try command.launch()
    #expect(launch.port == 0)
    #expect(launch.speed == 60)
    #expect(launch.webhookURL == "http://127.0.0.1:9000")
    #expect(launch.options.rateLimit == 10)
    #expect(launch.options.faults.rates == [500: 0.05, 503: 0.02, 504: 0.01])
    #expect(launch.options.faults.latency == .milliseconds(20))
    #expect(launch.options.seed == 42)
    #expect(launch.credentials == SandboxCredentials(jwt: "j", apiKey: "k"))
    #expect(!launch.generatedCredentials)
    #expect(launch.customersCSV == nil)
    #expect(launch.statePath == nil)
    #expect(try SandboxServeCommand.parse(["--state", "s.sqlite"]).launch().statePath == "s.sqlite")

    let seeded = try SandboxServeCommand.parse(["--customers", "500", "--customers-csv", "/tmp/x.csv"]).launch()
    #expect(seeded.options.customers == 500)
    #expect(seeded.customersCSV == "/tmp/x.csv")
    #expect(
      seeded.readyLine(url: "http://127.0.0.1:1")
        == "reach sandbox listening on http://127.0.0.1:1 (500 customers: /tmp/x.csv)")
    let defaultPath = try SandboxServeCommand.parse(["--customers", "5"]).launch()
    #expect(defaultPath.customersCSV == SandboxPopulation.defaultCSVPath())
  }

  @Test(arguments: [
    ["--port", "70000"], ["--speed", "0"], ["--rate-limit", "fast"], ["--rate-limit", "0/s"],
    ["--faults", "418=0.5"], ["--faults", "latency=soon"], ["--webhook", "ftp://x"], ["--jwt", "j"],
    ["--api-key", "k"], ["--customers", "0"], ["--customers", "1000001"], ["--customers-csv", "/tmp/x.csv"],
    ["--customers", "5", "--customers-csv", ""], ["--state", ""],
  ])
  func serveRejectsInvalidOptions(_ arguments: [String]) {
    #expect(throws: (any Error).self) { try SandboxServeCommand.parse(arguments) }
  }

  @Test func triggerValidatesItsEventAndFindsCredentials() throws {
    #expect(throws: (any Error).self) { try SandboxTriggerCommand.parse(["NOPE", "--customer", "C1"]) }
    #expect(throws: (any Error).self) { try SandboxTriggerCommand.parse(["PORT_OUT"]) }
    let command = try SandboxTriggerCommand.parse(["PORT_OUT", "--customer", "C1"])
    #expect(command.sandbox == "http://127.0.0.1:8080")
    #expect(throws: (any Error).self) { try command.credentials(environment: [:]) }
    #expect(
      try command.credentials(environment: ["REACH_JWT": "j", "REACH_API_KEY": "k"])
        == SandboxCredentials(jwt: "j", apiKey: "k"))
    let explicit = try SandboxTriggerCommand.parse(["PORT_OUT", "--customer", "C1", "--jwt", "a", "--api-key", "b"])
    #expect(try explicit.credentials(environment: ["REACH_JWT": "j"]) == SandboxCredentials(jwt: "a", apiKey: "b"))
  }

  /// `trigger --sandbox` and `serve --webhook` take https, or http on loopback only: the
  /// credentials (and events) never cross a network in clear text.
  @Test func triggerAndServeRefuseClearTextOffLoopback() throws {
    #expect(throws: (any Error).self) {
      try SandboxTriggerCommand.parse(["PORT_OUT", "--customer", "C1", "--sandbox", "http://sandbox.example:8080"])
    }
    #expect(throws: (any Error).self) {
      try SandboxTriggerCommand.parse(["PORT_OUT", "--customer", "C1", "--sandbox", "http://10.1.2.3:8080"])
    }
    _ = try SandboxTriggerCommand.parse(["PORT_OUT", "--customer", "C1", "--sandbox", "https://sandbox.example"])
    _ = try SandboxTriggerCommand.parse(["PORT_OUT", "--customer", "C1", "--sandbox", "http://localhost:8080"])
    #expect(throws: (any Error).self) { try SandboxServeCommand.parse(["--webhook", "http://brand.example/hooks"]) }
    _ = try SandboxServeCommand.parse(["--webhook", "https://brand.example/hooks"])
  }

  /// A certificate that is not trusted fails the trigger at once, with nothing sent (the
  /// receiver's throwaway certificate stands in for a sandbox behind an untrusted one).
  @Test(.timeLimit(.minutes(1))) func triggerFailsAtOnceOnAnUntrustedCertificate() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reach-trigger-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = try WebhookStore(path: folder.appendingPathComponent("webhooks.sqlite").path)
    let server = try await RunningWebhookServer.startHTTPS(store: store)
    let started = ContinuousClock.now
    do {
      _ = try await SandboxTrigger.fire(
        .portOut, customerId: "C1", sandboxURL: server.url, credentials: .random())
      Issue.record("the trigger reached a server whose certificate is not trusted")
    } catch {
      #expect("\(error)".contains("TLS certificate is not trusted"), "\(error)")
    }
    #expect(ContinuousClock.now - started < .seconds(10))
    await server.stop()
  }

  /// `serve --port 0` binds a free port and announces it in one line; the generated credentials
  /// work and `trigger` reaches it; cancelling stops it.
  @Test func serveAnnouncesItsURLAndAnswers() async throws {
    let launch = try SandboxServeCommand.parse([
      "--port", "0", "--speed", "100", "--webhook", "http://127.0.0.1:9",
    ]).launch()
    let (ready, announce) = AsyncStream.makeStream(of: String.self)
    let server = Task {
      // If serve fails to start (or stops), the stream ends: the test fails instead of waiting forever.
      defer { announce.finish() }
      try await launch.run(logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }) { url in
        announce.yield(SandboxLaunch.readyLine(url: url))
      }
    }
    var lines = ready.makeAsyncIterator()
    guard let line = await lines.next() else {
      // Rethrows why serve stopped, if it threw.
      try await server.value
      Issue.record("reach sandbox serve stopped before it announced its URL")
      return
    }
    let prefix = "reach sandbox listening on http://127.0.0.1:"
    #expect(line.hasPrefix(prefix))
    let port = try #require(Int(line.dropFirst(prefix.count)))
    #expect(port > 0)
    let url = "http://127.0.0.1:\(port)"

    // An unknown customer: the sandbox authenticated the call and looked the customer up.
    let missing = try await SandboxTrigger.fire(
      .portOut, customerId: "CUST999999", sandboxURL: url, credentials: launch.credentials)
    #expect(missing.status == 404)
    let refused = try await SandboxTrigger.fire(
      .portOut, customerId: "CUST999999", sandboxURL: url, credentials: .random())
    #expect(refused.status == 401)

    server.cancel()
    _ = await server.result
  }

  /// `serve --customers N --customers-csv PATH` writes the CSV before it announces itself, names it in
  /// the ready line, and serves those subscribers.
  @Test func serveWithCustomersWritesTheirCSVAndServesThem() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("reach-serve-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let csv = directory.appendingPathComponent("customers.csv").path
    let launch = try SandboxServeCommand.parse([
      "--port", "0", "--customers", "2000", "--customers-csv", csv,
    ]).launch()
    let (ready, announce) = AsyncStream.makeStream(of: String.self)
    let server = Task {
      defer { announce.finish() }
      try await launch.run(logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }) { url in
        announce.yield(launch.readyLine(url: url))
      }
    }
    var lines = ready.makeAsyncIterator()
    let line = try #require(await lines.next())
    #expect(line.hasSuffix(" (2000 customers: \(csv))"))
    let rows = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
    #expect(rows.count == 2001)
    #expect(rows.first == "customerId")
    #expect(rows.last == "SUB0002000")

    let url = String(line.dropFirst("reach sandbox listening on ".count).prefix { $0 != " " })
    let transport = AsyncHTTPTransport.shared
    let headers = [("Authorization", launch.credentials.authorization), ("x-api-key", launch.credentials.apiKey)]
    let info = try await transport.send(
      HTTPRequestData(
        method: .get, url: url + "/apisvc/v0/customerinfo?customerId=SUB0002000", headers: headers, body: nil))
    #expect(info.status == 200)
    #expect(String(decoding: info.body, as: UTF8.self).contains("\"mobileNo\":\"3120002000\""))
    let missing = try await transport.send(
      HTTPRequestData(
        method: .get, url: url + "/apisvc/v0/customerinfo?customerId=SUB0002001", headers: headers, body: nil))
    #expect(missing.status == 404)
    server.cancel()
    _ = await server.result
  }

  /// `serve --state PATH`, stopped and started again on the same file, still has the subscribers
  /// and the suspension the first run accepted.
  @Test func serveWithStateKeepsItAcrossARestart() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("reach-serve-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let state = directory.appendingPathComponent("sandbox.sqlite").path
    let csv = directory.appendingPathComponent("customers.csv").path
    let credentials = ["--jwt", "test-jwt-\(UUID())", "--api-key", "test-key-\(UUID())"]
    func serve(_ arguments: [String], _ body: (String, SandboxCredentials) async throws -> Void) async throws {
      let launch = try SandboxServeCommand.parse(["--port", "0", "--state", state] + credentials + arguments).launch()
      let (ready, announce) = AsyncStream.makeStream(of: String.self)
      let server = Task {
        // A launch that fails ends the stream, so the test fails instead of waiting for ever.
        defer { announce.finish() }
        try await launch.run(logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }) { url in
          announce.yield(url)
        }
      }
      var urls = ready.makeAsyncIterator()
      guard let url = await urls.next() else {
        Issue.record("the sandbox did not start: \(await server.result)")
        return
      }
      try await body(url, launch.credentials)
      server.cancel()
      _ = await server.result
    }
    let transport = AsyncHTTPTransport.shared
    func call(_ method: HTTPMethod, _ url: String, _ credentials: SandboxCredentials, body: String? = nil) async throws
      -> Int
    {
      var headers = [("Authorization", credentials.authorization), ("x-api-key", credentials.apiKey)]
      if body != nil { headers.append(("Content-Type", "application/json")) }
      return try await transport.send(
        HTTPRequestData(method: method, url: url, headers: headers, body: body.map { Array($0.utf8) })
      ).status
    }
    let suspend = #"{"customerId":"SUB0000001","reasonCode":"rehearsal"}"#
    try await serve(["--customers", "2", "--customers-csv", csv]) {
      (url: String, credentials: SandboxCredentials) async throws in
      #expect(try await call(.put, url + "/apisvc/v0/suspend", credentials, body: suspend) == 200)
    }
    try await serve([]) { (url: String, credentials: SandboxCredentials) async throws in
      #expect(try await call(.get, url + "/apisvc/v0/customerinfo?customerId=SUB0000002", credentials) == 200)
      // The first run's suspension is still in progress: a second one is a conflict.
      #expect(try await call(.put, url + "/apisvc/v0/suspend", credentials, body: suspend) == 409)
    }
  }
}
