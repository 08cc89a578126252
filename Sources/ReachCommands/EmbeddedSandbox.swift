import Foundation
import Hummingbird
import Logging
public import ReachClient
public import ReachSandbox
import ReachServing

/// The default target: the sandbox started in this process on 127.0.0.1, port 0, with throwaway
/// credentials, on the same virtual clock as the runner. A poll every 5 s over a 10-minute
/// activation moves that clock, and the sandbox's state machines with it, in milliseconds.
public final class EmbeddedSandbox: Sendable {
  public let target: Target
  public let clock: VirtualClock
  let sandbox: SandboxServer
  private let server: InProcessServer

  private init(target: Target, clock: VirtualClock, sandbox: SandboxServer, server: InProcessServer) {
    self.target = target
    self.clock = clock
    self.sandbox = sandbox
    self.server = server
  }

  /// Starts the sandbox and returns once it is listening.
  ///
  /// - Parameters:
  ///   - webhookURL: Where its callbacks and notifications go (the embedded receiver of
  ///     `reach run`), or nil for none.
  ///   - origin: The sandbox's time when the clock starts, in seconds since 1970: the wall time
  ///     unless a test fixes it (the rate limit's one-second windows start at whole seconds).
  public static func start(
    options: SandboxOptions = SandboxOptions(), webhookURL: String? = nil, origin: Double? = nil
  ) async throws -> EmbeddedSandbox {
    let clock = VirtualClock()
    let credentials = SandboxCredentials.random()
    let sandbox = SandboxServer(
      credentials: credentials,
      clock: VirtualSandboxClock(
        clock: clock, origin: SandboxTime(seconds: origin ?? Date().timeIntervalSince1970)),
      options: options,
      webhook: webhookURL.map { SandboxWebhook(baseURL: $0, transport: HTTPWebhookTransport(), retryClock: clock) })
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    // Quiet: the run's console is the user's; the sandbox speaks only of real trouble.
    var logger = Logger(label: "reach.sandbox")
    logger.logLevel = .critical
    let application = sandbox.application(host: "127.0.0.1", port: 0, logger: logger, limits: .inProcess) { port in
      continuation.yield(port)
    }
    // Stopped by `stop()`; the run handles signals (a SIGTERM here would stop the sandbox, not the run).
    let server = InProcessServer(application, logger: logger) { continuation.finish() }
    guard let port = await ports.first(where: { _ in true }) else {
      let failure: (any Error)? = await { () async -> (any Error)? in
        do {
          try await server.value
          return nil
        } catch {
          return error
        }
      }()
      throw EmbeddedSandboxError.didNotStart(failure.map { "\($0)" } ?? "it stopped")
    }
    let target = try Target(
      name: "sandbox", baseURL: "http://127.0.0.1:\(port)",
      credentials: Credentials(jwt: credentials.jwt, apiKey: credentials.apiKey), isSandbox: true)
    return EmbeddedSandbox(target: target, clock: clock, sandbox: sandbox, server: server)
  }

  /// Lets the callbacks that the clock has made due reach the webhook, and waits until they have.
  public func deliverDue() async {
    await sandbox.deliverDue()
  }

  /// Stops the server and waits for it.
  public func stop() async {
    await server.stop()
  }
}

public enum EmbeddedSandboxError: Error, CustomStringConvertible {
  case didNotStart(String)

  public var description: String { "the embedded sandbox did not start: \(self.reason)" }

  var reason: String {
    switch self {
    case .didNotStart(let reason): return reason
    }
  }
}

/// The sandbox's view of the runner's virtual clock: wall time at start, plus whatever the
/// runner has waited since.
struct VirtualSandboxClock: SandboxClock {
  let clock: VirtualClock
  let origin: SandboxTime

  var now: SandboxTime { origin.adding(clock.now.offset) }
}
