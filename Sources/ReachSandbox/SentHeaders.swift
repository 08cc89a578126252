import HTTPTypes
import NIOHTTP1

/// The request headers the sandbox looks at on every call, read once per request. A header sent
/// more than once reads as its values joined with ", ", as `HTTPFields` gives it.
struct SentHeaders {
  static let apiKeyName = HTTPField.Name("x-api-key")!

  var authorization: String?
  var apiKey: String?
  /// Whether the request has Content-Length or Transfer-Encoding, so may carry a body.
  var mayHaveBody = false

  init(_ fields: HTTPFields) {
    // Looked up by name: iterating the fields copied every one of them (its name and value).
    authorization = fields[.authorization]
    apiKey = fields[Self.apiKeyName]
    mayHaveBody = fields.contains(.contentLength) || fields.contains(.transferEncoding)
  }

  init(_ headers: HTTPHeaders) {
    authorization = Self.value(of: "authorization", in: headers)
    apiKey = Self.value(of: "x-api-key", in: headers)
    mayHaveBody = headers.contains(name: "content-length") || headers.contains(name: "transfer-encoding")
  }

  /// A header's value as `HTTPFields` reads it: the values of a header sent more than once joined
  /// with ", ". NIO's subscript matches the name without regard to case.
  static func value(of name: String, in headers: HTTPHeaders) -> String? {
    let values = headers[name]
    return values.isEmpty ? nil : values.joined(separator: ", ")
  }
}
