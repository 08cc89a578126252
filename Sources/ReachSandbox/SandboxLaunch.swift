import Hummingbird
public import Logging

/// `reach sandbox serve`: the sandbox standalone, on a scaled wall clock, for any client (curl, a
/// brand's own app).
public struct SandboxLaunch: Sendable {
  public var host: String
  public var port: Int
  /// How many times faster than real time the sandbox's clock runs.
  public var speed: Double
  /// The brand's base URL that callbacks and notifications go to, if any.
  public var webhookURL: String?
  public var options: SandboxOptions
  public var credentials: SandboxCredentials
  /// Whether `credentials` were made up here, so the caller prints them once.
  public var generatedCredentials: Bool
  /// Where the CSV of the subscribers the sandbox starts with (`options.customers`) is written; nil
  /// when it starts with none.
  public var customersCSV: String?
  /// The SQLite file the state is kept in across restarts; nil keeps it in memory only.
  public var statePath: String?

  /// - Parameters:
  ///   - credentials: What clients must send; nil makes throwaway ones.
  ///   - customersCSV: Where to write the CSV of `options.customers`; nil for
  ///     `SandboxPopulation.defaultCSVPath()`.
  public init(
    host: String = "127.0.0.1", port: Int = 0, speed: Double = 1, webhookURL: String? = nil,
    options: SandboxOptions = SandboxOptions(), credentials: SandboxCredentials? = nil, customersCSV: String? = nil,
    statePath: String? = nil
  ) {
    self.statePath = statePath
    self.host = host
    self.port = port
    self.speed = speed
    self.webhookURL = webhookURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
    self.options = options
    self.credentials = credentials ?? .random()
    generatedCredentials = credentials == nil
    self.customersCSV = options.customers > 0 ? customersCSV ?? SandboxPopulation.defaultCSVPath() : nil
  }

  /// The one line printed when the sandbox accepts connections.
  public static func readyLine(url: String) -> String { "reach sandbox listening on \(url)" }

  /// The ready line of this launch: the URL, then how many subscribers it started with and where
  /// their CSV is, if any.
  public func readyLine(url: String) -> String {
    guard let customersCSV else { return Self.readyLine(url: url) }
    return Self.readyLine(url: url) + " (\(options.customers) customers: \(customersCSV))"
  }

  /// Serves until the task is cancelled or the process gets SIGINT or SIGTERM; `onReady` gets the
  /// base URL once the port is bound (port 0: the one the system chose).
  public func run(logger: Logger, onReady: @escaping @Sendable (String) async -> Void) async throws {
    if let customersCSV { try SandboxPopulation.writeCSV(count: options.customers, to: customersCSV) }
    let webhook = webhookURL.map { url in
      SandboxWebhook(baseURL: url, transport: HTTPWebhookTransport(speed: speed), speed: speed) { report in
        if report.delivered {
          logger.info("callback delivered", metadata: ["url": "\(report.url)", "attempts": "\(report.attempts)"])
        } else {
          logger.warning(
            "callback not delivered", metadata: ["url": "\(report.url)", "attempts": "\(report.attempts)"])
        }
      }
    }
    let store = try statePath.map { path throws(SandboxStoreError) in try SandboxStore(path: path) }
    let server = SandboxServer(
      credentials: credentials, clock: ScaledSandboxClock(speed: speed, resumingFrom: store?.savedClock),
      options: options, webhook: webhook, store: store)
    try await server.save()
    let host = self.host
    try await server.application(host: host, port: port, logger: logger) { bound in
      await onReady("http://\(host):\(bound)")
    }.runService()
    // Where the clock got to, and anything settled since the last request.
    try await server.save()
  }
}
