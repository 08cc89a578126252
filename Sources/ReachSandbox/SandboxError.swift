import ReachCatalogue
import ReachEndpoints

/// An error answer of section 5, with its JSON body.
struct SandboxError: Error, Sendable {
  var status: Int
  var errors: [ArgumentIssue]
  var message: String

  static func badRequest(_ issues: [ArgumentIssue]) -> SandboxError {
    SandboxError(status: 400, errors: issues, message: "invalid payload or missing fields")
  }
  static func unauthorized(_ message: String) -> SandboxError {
    SandboxError(status: 401, errors: [], message: message)
  }
  static func notFound(_ message: String) -> SandboxError {
    SandboxError(status: 404, errors: [], message: message)
  }
  static func conflict(_ message: String) -> SandboxError {
    SandboxError(status: 409, errors: [], message: message)
  }

  /// `{"status":400,"message":…,"errors":[{"field":…,"message":…}]}`.
  var body: JSONValue {
    let list: [JSONValue] =
      errors.isEmpty
      ? [["message": .string(message)]]
      : errors.map { ["field": .string($0.field), "message": .string($0.message)] }
    return ["status": .int(status), "message": .string(message), "errors": .array(list)]
  }
}
