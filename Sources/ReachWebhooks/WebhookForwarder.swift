public import Foundation
import ReachCatalogue
import ReachClient

/// Relays each new event once to the brand's own application (`--forward-to`), oldest first,
/// retrying with back-off (1, 2, 4 … 60 s) while the application does not answer 2xx. Runs
/// beside the receiver and never holds up its answers. Events go through reach's one transport
/// and its rules: https, or http on loopback only (else refused before connecting), and a
/// redirect is an answer (not 2xx: tried again later), never followed.
public actor WebhookForwarder {
  public typealias Send = @Sendable (_ url: String, _ body: [UInt8], _ headers: [(String, String)]) async throws -> Int

  let store: WebhookStore
  let url: String
  let clock: any Clock<Duration>
  let send: Send
  let now: @Sendable () -> Date
  /// Told why an attempt failed, once for each new reason (not again while it stays the same).
  let onFailure: @Sendable (String) -> Void
  private var lastFailure: String?
  private var wakeUp: AsyncStream<Void>.Continuation?
  private let signals: AsyncStream<Void>

  public init(
    store: WebhookStore, url: String, clock: any Clock<Duration> = ContinuousClock(),
    now: @escaping @Sendable () -> Date = { Date() }, send: Send? = nil,
    onFailure: @escaping @Sendable (String) -> Void = { _ in }
  ) {
    self.store = store
    self.onFailure = onFailure
    self.url = url
    self.clock = clock
    self.now = now
    self.send = send ?? WebhookForwarder.httpSend
    let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    self.signals = stream
    self.wakeUp = continuation
  }

  /// Tells the forwarder there is something new (cheap, never blocks).
  public nonisolated func wake() {
    Task { await self.signal() }
  }

  private func signal() { wakeUp?.yield() }

  /// Forwards until cancelled: drains what is pending, then waits to be woken.
  public func run() async {
    var failures = 0
    while !Task.isCancelled {
      let delivered = await drainOnce()
      switch delivered {
      case .some(true):
        failures = 0
        continue
      case .some(false):
        failures += 1
        // Assumption (ours): the forwarder waits on the guide's 429 schedule (2.4).
        try? await clock.sleep(for: Backoff.guide.delay(after: failures - 1))
      case .none:
        failures = 0
        var iterator = signals.makeAsyncIterator()
        guard await iterator.next() != nil else { return }
      }
    }
  }

  /// Tries the oldest pending event: true when delivered, false when it failed, nil when none.
  public func drainOnce() async -> Bool? {
    guard let event = try? store.unforwarded(limit: 1).first, let sequence = event.sequence else { return nil }
    let headers = [
      ("Content-Type", "application/json"), ("X-Reach-Event-Key", event.key),
      ("X-Reach-Event-Sequence", String(sequence)),
    ]
    do {
      let status = try await send(url, event.body.jsonBytes(), headers)
      guard (200..<300).contains(status) else {
        try? store.noteForwardAttempt(sequence)
        let redirect = (300..<400).contains(status) ? " (a redirect, not followed)" : ""
        failed("cannot forward to \(url): it answered \(status)\(redirect); trying again later")
        return false
      }
      try store.markForwarded(sequence, at: now())
      lastFailure = nil
      return true
    } catch {
      try? store.noteForwardAttempt(sequence)
      let reason = (error as? TransportError)?.message ?? "\(error)"
      failed("cannot forward to \(url): \(reason); trying again later")
      return false
    }
  }

  private func failed(_ reason: String) {
    guard reason != lastFailure else { return }
    lastFailure = reason
    onFailure(reason)
  }

  static let httpSend: Send = { url, body, headers in
    try await AsyncHTTPTransport.shared.send(
      HTTPRequestData(method: .post, url: url, headers: headers, body: body, timeout: .seconds(10))
    ).status
  }
}
