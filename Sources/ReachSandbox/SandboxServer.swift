public import Hummingbird
public import Logging
import NIOCore
public import ReachServing
import ServiceLifecycle

/// The embedded sandbox: a Hummingbird application over the sandbox's state.
public struct SandboxServer: Sendable {
  public let credentials: SandboxCredentials
  let state: SandboxState
  let responder: SandboxResponder

  /// - Parameters:
  ///   - credentials: What clients must send (1.2).
  ///   - clock: Where time comes from; tests pass a `ManualSandboxClock`.
  ///   - baseURL: The URL hosted pages are linked under; `run` sets it to the bound address.
  ///   - options: Rate limit and injected faults (none by default).
  ///   - webhook: Where callbacks go (none by default). They are queued when a request finds the
  ///     work completed and delivered in the background.
  ///   - sleeper: Where the injected latency fault is slept (real time by default).
  ///   - store: The state file to resume from and save every request's changes to (`--state`);
  ///     nil keeps the state in memory only.
  public init(
    credentials: SandboxCredentials, clock: any SandboxClock = ScaledSandboxClock(),
    baseURL: String = "http://127.0.0.1", options: SandboxOptions = SandboxOptions(),
    webhook: SandboxWebhook? = nil, sleeper: any Clock<Duration> = ContinuousClock(), store: SandboxStore? = nil
  ) {
    self.credentials = credentials
    state = SandboxState(clock: clock, baseURL: baseURL, options: options, store: store)
    responder = SandboxResponder(state: state, credentials: credentials, webhook: webhook, sleeper: sleeper)
  }

  /// Settles what the sandbox's clock says has happened, sends the callbacks that made due, and
  /// returns once they and any still on their way have been delivered (or used their attempts).
  /// A run on a virtual clock calls it before looking at its receiver, so callbacks arrive as
  /// they would on the platform, with nothing left to race.
  public func deliverDue() async {
    guard let webhook = responder.webhook else { return }
    let callbacks = await state.settleAndTakeOutbox()
    // What settling changed is saved on the next request or `save()`.
    if !callbacks.isEmpty { webhook.enqueue(callbacks) }
    await webhook.drained()
  }

  /// One catch-all route per method: the catalogue's route table does the matching, and answers
  /// a method no endpoint takes at a known path (HEAD, OPTIONS, TRACE and QUERY too) with 405 and `Allow`.
  /// HTTP's QUERY method (a draft of the IETF's HTTP working group), which a fuzzer tries.
  static let query = HTTPRequest.Method("QUERY")!

  public func router() -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self)
    let responder = self.responder
    for method in [HTTPRequest.Method.get, .post, .put, .delete, .patch, .head, .options, .trace, Self.query] {
      router.on("**", method: method) { request, _ in await responder.respond(to: request) }
    }
    return router
  }

  /// The application on `host:port` (port 0: any free port): Hummingbird's `Application` with
  /// `router()` over its HTTP/1 channel, the same path as the tests' `.test(.router)`.
  /// `onRunning` gets the bound port. `limits` close idle and slow connections and cap how many
  /// are open (`ConnectionLimits`: 4 s idle, 4 s for a body, 512 connections by default).
  ///
  /// When the clock can be waited on (`ScaledSandboxClock`, `ManualSandboxClock`), the
  /// application also runs `SandboxDueWork`: work falls due, and its callbacks go out, on the
  /// sandbox's clock without waiting for a request. On the runner's virtual clock the runner
  /// calls `deliverDue()` instead.
  public func application(
    host: String = "127.0.0.1", port: Int = 0, logger: Logger? = nil, limits: ConnectionLimits = ConnectionLimits(),
    onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
  ) -> Application<RouterResponder<BasicRequestContext>> {
    let state = self.state
    let logger = logger ?? Logger(label: "reach.sandbox")
    var services: [any Service] = []
    if let clock = state.clock as? any WaitableSandboxClock {
      services.append(SandboxDueWork(responder: responder, clock: clock, logger: logger))
    }
    return Application(
      router: router(),
      server: limits.http1,
      configuration: limits.applied(
        to: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "reach-sandbox")),
      services: services,
      onServerRunning: { channel in
        let bound = channel.localAddress?.port ?? port
        await state.setBaseURL("http://\(host):\(bound)")
        await onRunning(bound)
      },
      logger: logger)
  }

  /// Writes what changed since the last request to the state file (seeded subscribers, say), if
  /// there is one.
  public func save() async throws(SandboxStoreError) { try await state.commit() }

  /// Serves until the task is cancelled.
  public func run(
    host: String = "127.0.0.1", port: Int = 0, limits: ConnectionLimits = ConnectionLimits(),
    onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
  ) async throws {
    try await application(host: host, port: port, limits: limits, onRunning: onRunning).runService()
  }
}
