import HTTPTypes

/// The request headers the sandbox looks at on every call, found in one pass over the fields.
/// A header sent more than once reads as its values joined with ", ", as `HTTPFields` gives it.
struct SentHeaders {
  static let apiKeyName = HTTPField.Name("x-api-key")!

  var authorization: String?
  var apiKey: String?
  /// Whether the request has Content-Length or Transfer-Encoding, so may carry a body.
  var mayHaveBody = false

  init(_ fields: HTTPFields) {
    for field in fields {
      switch field.name {
      case .authorization: Self.add(field.value, to: &authorization)
      case Self.apiKeyName: Self.add(field.value, to: &apiKey)
      case .contentLength, .transferEncoding: mayHaveBody = true
      default: continue
      }
    }
  }

  private static func add(_ value: String, to header: inout String?) {
    header = header.map { $0 + ", " + value } ?? value
  }
}
