public import ReachCatalogue

/// Where `wait_for` finds callbacks and notifications: the webhook receiver the run uses (the
/// embedded one by default, or the store of a `reach webhooks serve`). The runner reaches the
/// receiver only through this; `reach` wires the real one in.
public protocol WebhookEvents: Sendable {
  /// The sequence of the newest event received so far: the run waits only for events after it.
  func latestSequence() async throws -> Int64
  /// The events received after `sequence`, oldest first.
  func events(after sequence: Int64) async throws -> [ReceivedEvent]
  /// Called before each look: lets a simulated platform deliver what is due by the run's clock,
  /// and returns once it has been received (the embedded sandbox). A real receiver does nothing.
  func deliverDue() async
}

/// One stored event as `wait_for` sees it.
public struct ReceivedEvent: Sendable, Hashable {
  public var sequence: Int64
  public var type: String
  public var body: JSONValue

  public init(sequence: Int64, type: String, body: JSONValue) {
    self.sequence = sequence
    self.type = type
    self.body = body
  }
}
