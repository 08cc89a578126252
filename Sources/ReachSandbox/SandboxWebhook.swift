public import ReachCatalogue
import Synchronization

/// Sends one HTTP POST for the sandbox: `HTTPWebhookTransport` over the network, a recorder in
/// tests. A transport applies its own timeout (section 2.3: 10 s); a thrown error counts as a
/// failure.
public protocol WebhookTransport: Sendable {
  /// POSTs `body` (JSON) to `url` and returns the status code.
  func post(_ url: String, body: JSONValue) async throws -> Int
}

/// What became of one callback: the body, how many times it was sent, the last status (0: no
/// answer).
public struct WebhookReport: Sendable, Hashable {
  public var url: String
  public var body: JSONValue
  public var attempts: Int
  public var status: Int

  public var delivered: Bool { (200..<300).contains(status) }
}

/// Where the sandbox sends callbacks (4.2), `{baseURL}/apisvc/v0/notification/callback`, and
/// notification events (4.1), `{baseURL}/apisvc/v0/notification`.
///
/// Callbacks go out in the background: `enqueue` returns at once, so delivery never delays the
/// answer to the request that completed the work. Each callback is tried until a 2xx answer or
/// `maxAttempts` tries, waiting `retryDelay(before:)` of sandbox time before each retry;
/// `onReport` hears how each one ended. When the webhook is released (its sandbox has stopped),
/// what is still queued or waiting for a retry is dropped: a stopped sandbox sends nothing more,
/// to a port that may by then be another server's.
public final class SandboxWebhook: Sendable {
  public let baseURL: String
  public let transport: any WebhookTransport
  private let queue: AsyncStream<JSONValue>.Continuation
  /// Callbacks queued and not yet done with, and who waits for none to be left.
  private let inFlight: InFlight
  /// Sends what is queued; cancelled when the webhook is released.
  private let worker: Task<Void, Never>

  /// Each callback is sent at most this many times: once, then retried up to 3 times on a
  /// timeout or a non-2xx answer (section 2.3).
  public static let maxAttempts = 4

  /// The sandbox time waited before retry `retry` (1, 2, 3): 1 s, 2 s, 4 s, the guide's back-off
  /// (2.4, `Backoff.guide`), so a receiver that is restarting gets a moment to come back. The
  /// guide (2.3) says only that Reach "retries up to 3 times": the waits are our assumption.
  public static func retryDelay(before retry: Int) -> Duration { Backoff.guide.delay(after: retry - 1) }

  /// Where the waits between retries are slept, and how much faster than real time the sandbox
  /// runs (a wait is `retryDelay / speed` on `retryClock`).
  let retryClock: any Clock<Duration>
  let speed: Double

  /// - Parameters:
  ///   - retryClock: Where the back-off between retries is slept: real time by default, the
  ///     virtual clock of a run on one (its sleeps return at once).
  ///   - speed: The sandbox clock's speed, which shortens the back-off in real time.
  public init(
    baseURL: String, transport: any WebhookTransport, retryClock: any Clock<Duration> = ContinuousClock(),
    speed: Double = 1, onReport: @escaping @Sendable (WebhookReport) -> Void = { _ in }
  ) {
    self.baseURL = baseURL
    self.transport = transport
    self.retryClock = retryClock
    self.speed = speed
    let (stream, queue) = AsyncStream.makeStream(of: JSONValue.self)
    self.queue = queue
    let inFlight = InFlight()
    self.inFlight = inFlight
    let callbackURL = baseURL + "/apisvc/v0/notification/callback"
    let notificationURL = baseURL + "/apisvc/v0/notification"
    // One worker per webhook; it ends when the webhook is released.
    worker = Task {
      await withDiscardingTaskGroup { group in
        for await callback in stream {
          // A 4.1 event (`eventType`: a usage notification the sandbox sent on its own) goes to
          // the notification endpoint; a 4.2 callback (`type`) to the callback endpoint.
          let url = callback["eventType"] == nil ? callbackURL : notificationURL
          group.addTask {
            onReport(
              await SandboxWebhook.send(callback, to: url, over: transport, retryClock: retryClock, speed: speed))
            inFlight.finish()
          }
        }
      }
    }
  }

  /// Returns once every callback queued so far has been delivered or has used its attempts:
  /// what lets a run on a virtual clock look at its receiver without racing the delivery.
  public func drained() async {
    await inFlight.waitForNone()
  }

  deinit {
    queue.finish()
    worker.cancel()
  }

  var callbackURL: String { baseURL + "/apisvc/v0/notification/callback" }
  var notificationURL: String { baseURL + "/apisvc/v0/notification" }

  /// Queues callbacks (and notification events, by their `eventType`) for delivery in the
  /// background.
  func enqueue(_ callbacks: [JSONValue]) {
    inFlight.start(callbacks.count)
    for callback in callbacks { queue.yield(callback) }
  }

  /// Sends one body now, until a 2xx answer or `maxAttempts` tries.
  func send(_ body: JSONValue, to url: String) async -> WebhookReport {
    await Self.send(body, to: url, over: transport, retryClock: retryClock, speed: speed)
  }

  static func send(
    _ body: JSONValue, to url: String, over transport: any WebhookTransport, retryClock: any Clock<Duration>,
    speed: Double
  ) async -> WebhookReport {
    var report = WebhookReport(url: url, body: body, attempts: 0, status: 0)
    while report.attempts < maxAttempts, !report.delivered, !Task.isCancelled {
      if report.attempts > 0 {
        // Cancelled (the sandbox has stopped): no retry goes out.
        do { try await retryClock.sleep(for: retryDelay(before: report.attempts) / max(speed, 1e-9)) } catch { break }
      }
      report.attempts += 1
      report.status = (try? await transport.post(url, body: body)) ?? 0
    }
    return report
  }
}

/// A count of callbacks on their way, and the continuations waiting for it to reach zero.
final class InFlight: Sendable {
  private let state = Mutex<(count: Int, waiters: [CheckedContinuation<Void, Never>])>((0, []))

  func start(_ count: Int) {
    state.withLock { $0.count += count }
  }

  func finish() {
    let ready = state.withLock { state -> [CheckedContinuation<Void, Never>] in
      state.count -= 1
      guard state.count == 0 else { return [] }
      defer { state.waiters = [] }
      return state.waiters
    }
    for waiter in ready { waiter.resume() }
  }

  func waitForNone() async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      let idle = state.withLock { state -> Bool in
        if state.count == 0 { return true }
        state.waiters.append(continuation)
        return false
      }
      if idle { continuation.resume() }
    }
  }
}
