import HTTPTypes
import ReachCatalogue
import ReachEndpoints

/// An error answer of section 5, with its JSON body.
struct SandboxError: Error, Sendable {
  var status: Int
  var errors: [ArgumentIssue]
  var message: String
  /// Headers the status calls for: `Allow` on a 405, `WWW-Authenticate` on a 401 (RFC 9110).
  var headers: [HTTPField.Name: String] = [:]

  static func badRequest(_ issues: [ArgumentIssue]) -> SandboxError {
    SandboxError(status: 400, errors: issues, message: "invalid payload or missing fields")
  }
  /// A 401 with the challenge RFC 9110 asks of one: the scheme the guide's `Authorization`
  /// header uses (Basic, base64 of `clientapi|JWT`, 1.2); the realm's name is ours.
  static func unauthorized(_ message: String) -> SandboxError {
    SandboxError(
      status: 401, errors: [], message: message,
      headers: [.wwwAuthenticate: #"Basic realm="Reach Mobile Platform", charset="UTF-8""#])
  }
  /// A 405 naming the methods the path takes.
  static func methodNotAllowed(_ method: String, _ path: String, allow: [String]) -> SandboxError {
    SandboxError(
      status: 405, errors: [],
      message: "method \(method) is not allowed on \(path); it takes \(allow.joined(separator: ", "))",
      headers: [.allow: allow.joined(separator: ", ")])
  }
  /// A body over `SandboxResponder.maxBody`.
  static let tooLarge = SandboxError(
    status: 413, errors: [], message: "the body is over \(SandboxResponder.maxBody) bytes, the sandbox's limit")
  /// A body that is not JSON by its `Content-Type`.
  static func unsupportedMediaType(_ type: String?) -> SandboxError {
    SandboxError(
      status: 415, errors: [],
      message: type.map { "a body of type '\($0)' is not taken: send application/json" }
        ?? "a body without a Content-Type is not taken: send application/json",
      headers: [.accept: "application/json"])
  }
  static func notFound(_ message: String) -> SandboxError {
    SandboxError(status: 404, errors: [], message: message)
  }
  /// A body that could not be collected, or is over `SandboxResponder.maxBody`.
  static let unreadableBody = badRequest([ArgumentIssue(field: "body", message: "could not be read")])
  static func conflict(_ message: String) -> SandboxError {
    SandboxError(status: 409, errors: [], message: message)
  }

  /// `{"status":400,"message":…,"errors":[{"field":…,"message":…}]}`: the shape of an error
  /// answer.
  var body: JSONValue {
    let list: [JSONValue] =
      errors.isEmpty
      ? [["message": .string(message)]]
      : errors.map { ["field": .string($0.field), "message": .string($0.message)] }
    return ["status": .int(status), "message": .string(message), "errors": .array(list)]
  }
}
