import ReachCatalogue

/// The two credentials of 1.1: the JWT and the API key. Never printed: `description` is masked.
public struct Credentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
  public let jwt: String
  public let apiKey: String

  public init(jwt: String, apiKey: String) {
    self.jwt = jwt
    self.apiKey = apiKey
  }

  /// `Basic ` + standard Base64 (not URL-safe) of the literal `clientapi|<JWT>` (1.2, steps 1–4).
  public var authorization: String { "Basic " + Base64.encode(Array("clientapi|\(jwt)".utf8)) }

  /// Every form in which these secrets could leak into text.
  public var secretForms: [String] {
    [
      jwt, apiKey, Base64.encode(Array("clientapi|\(jwt)".utf8)), Base64.encode(Array(jwt.utf8)),
      Base64.encode(Array(apiKey.utf8)),
    ]
  }

  public var description: String { "Credentials(jwt: ***, apiKey: ***)" }
  public var debugDescription: String { description }
}
