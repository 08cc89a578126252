import ArgumentParser
import Logging
import ReachClient
import ReachSandbox

/// `reach sandbox serve`: the sandbox on a port, for curl or a brand's own app.
struct SandboxServeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Serve the sandbox until interrupted, printing one ready line with its URL.",
    discussion: """
      Without --jwt and --api-key the sandbox makes throwaway credentials and prints them once \
      on stderr. Magic test values: docs/sandbox.md.
      """)

  @Option(name: .long, help: ArgumentHelp("The address to listen on.", valueName: "address"))
  var host = "127.0.0.1"

  @Option(name: .long, help: ArgumentHelp("The port to listen on; 0 picks a free one.", valueName: "port"))
  var port = 8080

  @Option(
    name: .long, help: ArgumentHelp("How many times faster than real time the clock runs.", valueName: "factor"))
  var speed = 1.0

  @Option(
    name: .long,
    help: ArgumentHelp("The brand's base URL that callbacks and notifications are POSTed to.", valueName: "url"))
  var webhook: String?

  @Option(name: .customLong("rate-limit"), help: ArgumentHelp("Requests per second per API key.", valueName: "N/s"))
  var rateLimit: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Injected faults and latency, e.g. 500=0.05,503=0.02,504=0.01,latency=20ms.", valueName: "faults"))
  var faults: String?

  @Option(name: .long, help: ArgumentHelp("The seed that makes injected faults reproducible.", valueName: "n"))
  var seed: UInt64 = 1

  @Option(name: .long, help: ArgumentHelp("The JWT clients must send (with --api-key).", valueName: "jwt"))
  var jwt: String?

  @Option(
    name: .customLong("api-key"), help: ArgumentHelp("The x-api-key clients must send (with --jwt).", valueName: "key"))
  var apiKey: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Start with N active subscribers (SUB0000001 onwards) and write their CSV.", valueName: "N"))
  var customers: Int?

  @Option(
    name: .customLong("customers-csv"),
    help: ArgumentHelp(
      "Where to write the CSV of --customers (header customerId); default: a file in the temporary directory.",
      valueName: "path"))
  var customersCSV: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Keep the sandbox's state in this SQLite file across restarts; without it the state lives in memory.",
      valueName: "path"))
  var state: String?

  func validate() throws {
    guard (0...65_535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
    guard speed > 0, speed.isFinite else { throw ValidationError("--speed must be a positive number") }
    if let rateLimit, SandboxOptions.rateLimit(parsing: rateLimit) == nil {
      throw ValidationError("--rate-limit must be N/s with N at least 1, e.g. 10/s")
    }
    if let faults {
      do { _ = try FaultPlan(parsing: faults) } catch { throw ValidationError("--faults: \(error.description)") }
    }
    if let webhook, let refusal = OutgoingURL.refusal(webhook) {
      throw ValidationError("--webhook: \(refusal)")
    }
    if let customers, !(1...SandboxPopulation.maximum).contains(customers) {
      throw ValidationError("--customers must be from 1 to \(SandboxPopulation.maximum)")
    }
    if customersCSV != nil, customers == nil { throw ValidationError("--customers-csv needs --customers N") }
    if state?.isEmpty == true { throw ValidationError("--state must not be empty") }
    if customersCSV?.isEmpty == true { throw ValidationError("--customers-csv must not be empty") }
    if (jwt == nil) != (apiKey == nil) { throw ValidationError("give --jwt and --api-key together, or neither") }
    if jwt?.isEmpty == true || apiKey?.isEmpty == true {
      throw ValidationError("--jwt and --api-key must not be empty")
    }
  }

  /// What the options describe (valid once `validate()` passed).
  func launch() throws -> SandboxLaunch {
    let options = SandboxOptions(
      rateLimit: rateLimit.flatMap(SandboxOptions.rateLimit(parsing:)),
      faults: try faults.map { text in try FaultPlan(parsing: text) } ?? FaultPlan(), seed: seed,
      customers: customers ?? 0, idBase: SandboxOptions.freshIDBase())
    let credentials = jwt.flatMap { jwt in apiKey.map { SandboxCredentials(jwt: jwt, apiKey: $0) } }
    return SandboxLaunch(
      host: host, port: port, speed: speed, webhookURL: webhook, options: options, credentials: credentials,
      customersCSV: customersCSV, statePath: state)
  }

  func run() async throws {
    let launch = try launch()
    var logger = Logger(label: "reach.sandbox") { SandboxLogHandler(label: $0) }
    logger.logLevel = .warning
    do {
      try await launch.run(logger: logger) { url in
        // Once the port is bound: a sandbox that cannot listen never had credentials to use.
        if launch.generatedCredentials {
          Console.note("# reach sandbox: throwaway credentials for this run (not shown again)")
          Console.note("export REACH_JWT='\(launch.credentials.jwt)'")
          Console.note("export REACH_API_KEY='\(launch.credentials.apiKey)'")
        }
        Console.out(launch.readyLine(url: url))
      }
    } catch {
      Console.error("the sandbox stopped: " + ListenFailure.describe(error, host: host, port: port))
      throw ExitStatus.failure
    }
  }
}
