public import ReachCatalogue
public import ReachEndpoints

/// Why a call did not give a usable answer. Every message is already redacted.
public enum ReachClientError: Error, Sendable, CustomStringConvertible {
  case unknownEndpoint(UnknownEndpoint)
  case invalidArguments(ArgumentIssues)
  /// A final non-2xx answer (after the retries the guide allows).
  case http(endpointID: String, status: Int, body: JSONValue, fieldErrors: [ArgumentIssue])
  /// 2.4: five consecutive 429s.
  case rateLimitExhausted(endpointID: String, attempts: Int)
  /// 504 or a lost connection on a call that is not safe to resend: it may have happened.
  case outcomeUnknown(endpointID: String, status: Int?, check: String?)
  case transport(endpointID: String, message: String)
  /// Customer actions (hosted pages) are for sandboxes only.
  case notASandbox(target: String)
  /// Not sent: its request gate was closed (`RequestGate.close(because:)`), for `reason`.
  case notSent(endpointID: String, reason: String)
  case cancelled

  public var description: String {
    switch self {
    case .unknownEndpoint(let error): return error.description
    case .invalidArguments(let issues): return issues.description
    case .http(let id, let status, let body, let fieldErrors):
      var text = "'\(id)' answered HTTP \(status) (\(ReachClientError.meaning(status)))"
      if !fieldErrors.isEmpty {
        text += ": " + fieldErrors.map(\.description).joined(separator: "; ")
      } else if !body.isNull {
        text += ": " + body.jsonText()
      }
      return text
    case .rateLimitExhausted(let id, let attempts):
      return
        "rate limit exhausted: '\(id)' got \(attempts) consecutive 429 answers; stopped retrying (2.4) — alert operations"
    case .outcomeUnknown(let id, let status, let check):
      let cause = status.map { "HTTP \($0)" } ?? "the connection was lost"
      let advice = check.map { "; check with '\($0)' before trying again" } ?? "; check the state before trying again"
      return "outcome unknown: '\(id)' got \(cause) and may have partially succeeded, so it was not resent\(advice)"
    case .transport(let id, let message):
      return "'\(id)': \(message)"
    case .notASandbox(let target):
      return "'\(target)' is not a sandbox: customer actions play the customer on the sandbox's hosted pages;"
        + " against a real platform a person pays or adds the card"
    case .notSent(_, let reason):
      return reason
    case .cancelled:
      return "cancelled"
    }
  }

  /// Section 5's meaning of a status code.
  public static func meaning(_ status: Int) -> String {
    switch status {
    case 400: return "bad request: invalid payload or missing fields"
    case 401: return "unauthorized: bad or expired credentials; rebuild the auth header"
    case 403: return "forbidden: no permission or IP not allowlisted"
    case 404: return "not found: check the ids"
    case 409: return "conflict: duplicate request or conflicting state; check whether it already succeeded"
    case 429: return "too many requests"
    case 500: return "internal server error"
    case 503: return "service unavailable"
    case 504: return "gateway timeout"
    default: return "unexpected status"
    }
  }

  /// Field errors of a 400 body: `{"errors":[{"field":…,"message":…}]}`.
  public static func fieldErrors(in body: JSONValue) -> [ArgumentIssue] {
    guard let errors = body["errors"]?.arrayValue else { return [] }
    return errors.compactMap { error in
      guard let message = error["message"]?.stringValue else { return nil }
      return ArgumentIssue(field: error["field"]?.stringValue ?? "", message: message)
    }
  }
}
