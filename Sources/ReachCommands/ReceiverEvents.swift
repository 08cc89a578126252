import PlaybookRunner
import ReachWebhooks

/// The run's webhook receiver as `wait_for` sees it: the receiver's store, and for the embedded
/// sandbox the hook that lets its due callbacks reach the receiver before each look.
struct ReceiverEvents: WebhookEvents {
  let store: WebhookStore
  let deliver: @Sendable () async -> Void

  init(store: WebhookStore, deliver: @escaping @Sendable () async -> Void = {}) {
    self.store = store
    self.deliver = deliver
  }

  func latestSequence() async throws -> Int64 { try store.latestSequence() }

  func events(after sequence: Int64) async throws -> [ReceivedEvent] {
    try store.events(afterSequence: sequence, limit: 1_000).map { event in
      ReceivedEvent(sequence: event.sequence ?? 0, type: event.type, body: event.body)
    }
  }

  func deliverDue() async { await deliver() }
}
