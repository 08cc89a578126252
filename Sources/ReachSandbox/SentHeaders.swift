import HTTPTypes

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
}
