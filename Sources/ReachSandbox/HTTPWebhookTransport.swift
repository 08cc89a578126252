import Foundation
public import ReachCatalogue
public import ReachClient

/// The webhook transport: a JSON POST with a timeout per attempt (section 2.3: 10 s of platform
/// time, so divided by the sandbox's speed), through reach's one transport and its rules (https,
/// or http on loopback only; a redirect is an answer, never followed).
public struct HTTPWebhookTransport: WebhookTransport {
  /// The platform's timeout for one delivery, before scaling.
  public static let platformTimeout = Duration.seconds(10)

  let transport: any HTTPTransport
  public let timeout: Duration

  /// - Parameter speed: How much faster than real time the sandbox runs; the timeout shrinks
  ///   with it (never below 1 ms).
  public init(speed: Double = 1, transport: any HTTPTransport = AsyncHTTPTransport.shared) {
    self.transport = transport
    let seconds = max(0.001, Self.platformTimeout / .seconds(1) / max(speed, 1e-9))
    timeout = .nanoseconds(Int64(min(seconds, 86_400) * 1e9))
  }

  public func post(_ url: String, body: JSONValue) async throws -> Int {
    let request = HTTPRequestData(
      method: .post, url: url, headers: [("Content-Type", "application/json"), ("User-Agent", "reach-sandbox")],
      body: body.jsonBytes(), timeout: timeout)
    return try await transport.send(request).status
  }
}
