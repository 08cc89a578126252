import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Posts one JSON body to a webhook endpoint and reports what came back and how long it took:
/// how the go-live check exercises a brand's endpoints. With `trusting`, the client trusts that
/// certificate (and only it), for a rehearsal receiver's throwaway certificate; without, the
/// system's roots, as the platform would.
public struct WebhookPoster: Sendable {
  public struct Answer: Sendable, Hashable {
    /// Nil when there was no answer (refused, reset, timed out, a certificate not trusted).
    public var status: Int?
    public var elapsed: Duration
    public var error: String?
  }

  let trusting: WebhookTLS?

  public init(trusting: WebhookTLS? = nil) {
    self.trusting = trusting
  }

  public func post(_ url: String, json: [UInt8], timeout: Duration) async -> Answer {
    var configuration = HTTPClient.Configuration()
    configuration.redirectConfiguration = .disallow
    configuration.connectionPool.retryConnectionEstablishment = false
    if let trusting { configuration.tlsConfiguration = trusting.trustingClientConfiguration }
    let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    var request = HTTPClientRequest(url: url)
    request.method = .POST
    request.headers.add(name: "Content-Type", value: "application/json")
    request.body = .bytes(ByteBuffer(bytes: json))
    let started = ContinuousClock.now
    let answer: Answer
    do {
      let milliseconds =
        Int64(timeout.components.seconds) * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000
      let response = try await client.execute(request, timeout: .milliseconds(milliseconds))
      _ = try? await response.body.collect(upTo: 1 << 20)
      answer = Answer(status: Int(response.status.code), elapsed: ContinuousClock.now - started)
    } catch {
      answer = Answer(status: nil, elapsed: ContinuousClock.now - started, error: "\(error)")
    }
    try? await client.shutdown()
    return answer
  }
}
