import PlaybookRunner
import ReachCatalogue
import ReachClient
import ReachEndpoints
import Testing

/// A test's stand-in for the platform: it answers calls its own way, shows values as they are,
/// and is not a sandbox (no hosted pages).
protocol StandInCaller: EndpointCaller {}

extension StandInCaller {
  func redacted(_ value: JSONValue) -> JSONValue { value }

  func customer(_ action: String, url: String, card: String?) async throws(ReachClientError)
    -> (status: Int, location: String?)
  {
    throw .notASandbox(target: "test")
  }
}

/// A caller that must not be called.
struct NeverCaller: StandInCaller {
  func answer(_ endpointID: EndpointID, _ arguments: [String: JSONValue]) async throws(ReachClientError)
    -> EndpointAnswer
  {
    Issue.record("'\(endpointID.rawValue)' was sent")
    throw .cancelled
  }
}
