import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
public import ReachCatalogue

/// The webhook transport on AsyncHTTPClient: a JSON POST with a timeout per attempt (section
/// 4.2: 10 s of platform time, so divided by the sandbox's speed).
public struct HTTPWebhookTransport: WebhookTransport {
  /// The platform's timeout for one delivery, before scaling.
  public static let platformTimeout = Duration.seconds(10)

  let client: HTTPClient
  public let timeout: Duration

  /// - Parameter speed: How much faster than real time the sandbox runs; the timeout shrinks
  ///   with it (never below 1 ms).
  public init(speed: Double = 1) { self.init(speed: speed, client: .shared) }

  init(speed: Double, client: HTTPClient) {
    self.client = client
    let seconds = max(0.001, Self.platformTimeout / .seconds(1) / max(speed, 1e-9))
    timeout = .nanoseconds(Int64(min(seconds, 86_400) * 1e9))
  }

  public func post(_ url: String, body: JSONValue) async throws -> Int {
    var request = HTTPClientRequest(url: url)
    request.method = .POST
    request.headers.add(name: "Content-Type", value: "application/json")
    request.headers.add(name: "User-Agent", value: "reach-sandbox")
    request.body = .bytes(ByteBuffer(string: body.jsonText()))
    let nanoseconds = timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
    let response = try await client.execute(request, timeout: .nanoseconds(nanoseconds))
    // Read (and drop) the answer so the connection can be reused.
    _ = try await response.body.collect(upTo: 1 << 20)
    return Int(response.status.code)
  }
}
