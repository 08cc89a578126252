public import ReachCatalogue

/// Sends one HTTP POST for the sandbox; the CLI provides one over HTTPS, tests record calls.
/// A transport applies its own timeout (section 4.2: 10 s); a thrown error counts as a failure.
public protocol WebhookTransport: Sendable {
  /// POSTs `body` (JSON) to `url` and returns the status code.
  func post(_ url: String, body: JSONValue) async throws -> Int
}

/// Where the sandbox sends callbacks (4.2): `{baseURL}/apisvc/v0/notification/callback`.
public struct SandboxWebhook: Sendable {
  public var baseURL: String
  public var transport: any WebhookTransport

  /// Each callback is sent at most this many times: once, then again on a failure.
  public static let maxAttempts = 3

  public init(baseURL: String, transport: any WebhookTransport) {
    self.baseURL = baseURL
    self.transport = transport
  }

  var callbackURL: String { baseURL + "/apisvc/v0/notification/callback" }
  var notificationURL: String { baseURL + "/apisvc/v0/notification" }

  /// Delivers each callback until a 2xx answer or `maxAttempts` tries.
  func deliver(_ callbacks: [JSONValue]) async {
    for callback in callbacks { _ = await send(callback, to: callbackURL) }
  }

  /// Sends one body until a 2xx answer or `maxAttempts` tries: the last status (0: no answer).
  func send(_ body: JSONValue, to url: String) async -> Int {
    var status = 0
    for _ in 0..<Self.maxAttempts {
      status = (try? await transport.post(url, body: body)) ?? 0
      if (200..<300).contains(status) { break }
    }
    return status
  }
}
