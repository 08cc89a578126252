public import Logging
public import ServiceLifecycle

/// A server (or any service) run inside this process, stopped by a graceful shutdown rather than
/// by cancelling its task. Cancelling a Hummingbird server drops the connections it has accepted
/// but not yet taken up, and NIO stops the process for each of them ("Deinited NIOAsyncWriter
/// without calling finish()"); a graceful shutdown closes the listening socket first and takes
/// up every connection already accepted, closing the idle ones. A shutdown that has not ended
/// after `patience` (a connection that never goes idle) falls back to cancelling.
public final class InProcessServer: Sendable {
  private let group: ServiceGroup
  private let task: Task<Void, any Error>
  private let patience: Duration

  /// Starts `service` in a task of its own; `ended` runs when it stops, however it stops.
  public init(
    _ service: some Service, logger: Logger, patience: Duration = .seconds(10),
    ended: @escaping @Sendable () -> Void = {}
  ) {
    // No signals: the command that runs the process handles them.
    let group = ServiceGroup(
      configuration: .init(services: [service], gracefulShutdownSignals: [], cancellationSignals: [], logger: logger))
    self.group = group
    self.patience = patience
    task = Task {
      defer { ended() }
      try await group.run()
    }
  }

  /// Waits until the service stops by itself (it failed to start, or ended); its error if any.
  public var value: Void {
    get async throws { try await task.value }
  }

  /// Shuts the service down gracefully and waits until it has stopped.
  public func stop() async {
    await group.triggerGracefulShutdown()
    let task = self.task
    let patience = self.patience
    let fallback = Task {
      try await Task.sleep(for: patience)
      task.cancel()
    }
    _ = try? await task.value
    fallback.cancel()
  }
}
