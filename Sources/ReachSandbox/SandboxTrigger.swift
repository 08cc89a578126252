import Foundation
public import ReachCatalogue
public import ReachClient

/// `reach sandbox trigger`: asks a running sandbox to send one notification event of 4.1.
public enum SandboxTrigger {
  /// What the sandbox answered: its status and JSON body (the event, `webhookStatus`, `attempts`).
  public struct Answer: Sendable {
    public var status: Int
    public var body: JSONValue
  }

  /// POSTs `{sandboxURL}/__sandbox/trigger/{EVENT}?customerId=…` with the platform credentials,
  /// through the client's rules: `sandboxURL` is a target (https, or http on loopback, else
  /// refused before connecting), the credentials go to it alone, and a redirect is an answer.
  public static func fire(
    _ event: NotificationType, customerId: String, sandboxURL: String, credentials: SandboxCredentials,
    transport: any HTTPTransport = AsyncHTTPTransport.shared
  ) async throws -> Answer {
    var allowed = CharacterSet.urlQueryAllowed
    allowed.remove(charactersIn: "&=+?#")
    let id = customerId.addingPercentEncoding(withAllowedCharacters: allowed) ?? customerId
    let target = try Target(
      name: "sandbox", baseURL: sandboxURL, credentials: Credentials(jwt: credentials.jwt, apiKey: credentials.apiKey),
      isSandbox: true)
    let client = ReachClient(target: target, transport: transport)
    let response = try await client.sandboxControl(
      .post, "/__sandbox/trigger/\(event.rawValue)?customerId=\(id)", timeout: .seconds(60))
    let body = (try? JSONParser.parse(bytes: response.body)) ?? .null
    return Answer(status: response.status, body: body)
  }
}
