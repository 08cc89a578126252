import Foundation
import ReachCatalogue
import ReachClient

/// Posts one JSON body to a webhook endpoint and reports what came back and how long it took:
/// how the go-live check exercises a brand's endpoints. With `trusting`, the client trusts that
/// certificate (and only it), for a rehearsal receiver's throwaway certificate; without, the
/// system's roots, as the platform would. Through reach's one transport and its rules (https, or
/// http on loopback only; a redirect is an answer).
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
    var configuration = AsyncHTTPTransport.Configuration(proxies: AsyncHTTPTransport.shared.configuration.proxies)
    if let trusting { configuration.tls = trusting.trustingClientConfiguration }
    let request = HTTPRequestData(
      method: .post, url: url, headers: [("Content-Type", "application/json")], body: json, timeout: timeout)
    let started = ContinuousClock.now
    do {
      let response = try await AsyncHTTPTransport.with(configuration) { try await $0.send(request) }
      return Answer(status: response.status, elapsed: ContinuousClock.now - started)
    } catch let error as TransportError {
      return Answer(status: nil, elapsed: ContinuousClock.now - started, error: error.message)
    } catch {
      return Answer(status: nil, elapsed: ContinuousClock.now - started, error: "\(error)")
    }
  }
}
