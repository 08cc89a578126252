import Foundation

/// The credentials the sandbox accepts (1.2): a JWT, sent as `Basic base64("clientapi|<JWT>")`,
/// and an API key, sent as `x-api-key`.
public struct SandboxCredentials: Sendable, Hashable {
  public var jwt: String
  public var apiKey: String

  public init(jwt: String, apiKey: String) {
    self.jwt = jwt
    self.apiKey = apiKey
  }

  /// Throwaway credentials, different on every call.
  public static func random() -> SandboxCredentials {
    func token(_ count: Int) -> String {
      let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
      return String((0..<count).map { _ in alphabet.randomElement()! })
    }
    return SandboxCredentials(jwt: "sandbox.\(token(24)).\(token(16))", apiKey: "sbx_\(token(32))")
  }

  /// The `Authorization` header value a client sends for these credentials.
  public var authorization: String {
    "Basic " + Data("clientapi|\(jwt)".utf8).base64EncodedString()
  }

  /// Why `authorization` and `apiKey` headers do not authenticate, or nil when they do.
  func problem(authorization: String?, apiKey: String?) -> String? {
    guard let authorization else { return "missing Authorization header" }
    guard authorization.hasPrefix("Basic ") else { return "Authorization must be 'Basic <base64(clientapi|JWT)>'" }
    guard let data = Data(base64Encoded: String(authorization.dropFirst(6))),
      let decoded = String(data: data, encoding: .utf8), decoded.hasPrefix("clientapi|")
    else { return "Authorization must be standard base64 of 'clientapi|<JWT>'" }
    guard decoded.dropFirst("clientapi|".count) == jwt else { return "invalid or expired JWT" }
    guard let apiKey else { return "missing x-api-key header" }
    guard apiKey == self.apiKey else { return "invalid x-api-key" }
    return nil
  }
}
