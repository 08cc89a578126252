import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
public import ReachCatalogue

/// `reach sandbox trigger`: asks a running sandbox to send one notification event of 4.1.
public enum SandboxTrigger {
  /// What the sandbox answered: its status and JSON body (the event, `webhookStatus`, `attempts`).
  public struct Answer: Sendable {
    public var status: Int
    public var body: JSONValue
  }

  /// POSTs `{sandboxURL}/__sandbox/trigger/{EVENT}?customerId=…` with the platform credentials.
  public static func fire(
    _ event: NotificationType, customerId: String, sandboxURL: String, credentials: SandboxCredentials
  ) async throws -> Answer {
    var allowed = CharacterSet.urlQueryAllowed
    allowed.remove(charactersIn: "&=+?#")
    let id = customerId.addingPercentEncoding(withAllowedCharacters: allowed) ?? customerId
    let base = sandboxURL.hasSuffix("/") ? String(sandboxURL.dropLast()) : sandboxURL
    var request = HTTPClientRequest(url: "\(base)/__sandbox/trigger/\(event.rawValue)?customerId=\(id)")
    request.method = .POST
    request.headers.add(name: "Authorization", value: credentials.authorization)
    request.headers.add(name: "x-api-key", value: credentials.apiKey)
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
    let buffer = try await response.body.collect(upTo: 1 << 20)
    let body = (try? JSONDecoder().decode(JSONValue.self, from: Data(buffer.readableBytesView))) ?? .null
    return Answer(status: Int(response.status.code), body: body)
  }
}
