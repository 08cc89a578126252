public import ReachCatalogue

extension PlaybookRunner {
  /// Starts a run whose events arrive as a stream, which ends after `runFinished`. Cancelling
  /// the returned task interrupts the run (exit 3).
  public func start(
    file path: String, inputs given: [String: JSONValue] = [:]
  ) -> (events: AsyncStream<RunEvent>, result: Task<RunResult, Never>) {
    let (events, continuation) = AsyncStream.makeStream(of: RunEvent.self, bufferingPolicy: .unbounded)
    let task = Task {
      let result = await run(file: path, inputs: given) { continuation.yield($0) }
      continuation.finish()
      return result
    }
    return (events, task)
  }
}
