import Playbook
import ReachClient

/// Why a step stopped the run.
enum StepFailure: Error, Sendable {
  /// The step or an expectation failed (exit 1).
  case failed(String)
  /// The run cannot go on: rate limit exhausted, cancelled (exit 3).
  case aborted(String)
  /// A `skip` step ended the foreach item (or, outside one, the run) with this reason.
  case skipped(String)

  static func from(_ error: ReachClientError) -> StepFailure {
    switch error {
    case .rateLimitExhausted, .notSent, .cancelled: return .aborted(error.description)
    case .unknownEndpoint, .invalidArguments, .http, .outcomeUnknown, .transport, .notASandbox:
      return .failed(error.description)
    }
  }

  static func from(_ error: ExpressionError) -> StepFailure {
    .failed(error.description)
  }

  var outcome: StepOutcome {
    switch self {
    case .failed(let message): return .failed(message)
    case .aborted(let message): return .aborted(message)
    case .skipped(let reason): return .skipped(reason)
    }
  }
}
