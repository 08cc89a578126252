import Foundation
import Playbook
import ReachCatalogue
import RunJournal
import Synchronization

/// Writes each step of a run to the journal as it ends (`reach runs show` lists them): its path,
/// outcome, when it started, how long it took on the run's clock, the call's attempts, its
/// message and what it extracted. Steps inside a bulk row emit no events, so a bulk run's rows,
/// not their steps, are in the journal.
final class StepJournal: Sendable {
  private let link: JournalLink
  private let now: @Sendable () -> Date
  /// Per open step: when it started and the attempts its calls took.
  private let open = Mutex<[StepReference: (startedAt: Date, attempts: Int)]>([:])

  init(link: JournalLink, now: @escaping @Sendable () -> Date = { Date() }) {
    self.link = link
    self.now = now
  }

  func record(_ event: RunEvent) {
    switch event {
    case .stepStarted(let step):
      let at = now()
      open.withLock { $0[step] = (at, 0) }
    case .callAnswered(let step, _, _, let attempts):
      open.withLock { $0[step]?.attempts += attempts }
    case .stepSkipped(let step, let condition):
      queue(step, .skipped, startedAt: now(), duration: .zero, attempts: 0, "if \(condition) did not hold", [:])
    case .stepFinished(let step, let outcome, let duration, let extracted):
      let started = open.withLock { $0.removeValue(forKey: step) } ?? (now(), 0)
      let (state, message): (Outcome, String?)
      switch outcome {
      case .passed: (state, message) = (.passed, nil)
      case .manual(let text): (state, message) = (.skipped, "manual check: \(text)")
      case .byPerson(let task): (state, message) = (.passed, task.description)
      case .skipped(let reason): (state, message) = (.skipped, reason)
      case .failed(let text): (state, message) = (.failed, text)
      case .aborted(let text): (state, message) = (.aborted, text)
      }
      queue(
        step, state, startedAt: started.startedAt, duration: duration, attempts: started.attempts, message, extracted)
    case .runStarted, .pollAttempt, .logged, .evidence, .runFinished, .rowsStarted, .rowFinished, .contractDrift:
      break
    }
  }

  private func queue(
    _ step: StepReference, _ outcome: Outcome, startedAt: Date, duration: Duration, attempts: Int, _ message: String?,
    _ extracted: [String: JSONValue]
  ) {
    link.journal.queueStep(
      runId: link.runId, path: step.description, outcome: outcome, startedAt: startedAt,
      durationMs: Int(duration / .milliseconds(1)), attempts: attempts, message: message,
      extracted: extracted.isEmpty ? nil : .object(extracted))
  }
}
