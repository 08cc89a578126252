import PlaybookRunner
import ReachCatalogue
import ReachClient
import ReachEndpoints
import Testing

/// A caller that must not be called.
struct NeverCaller: EndpointCaller {
  func answer(_ endpointID: EndpointID, _ arguments: [String: JSONValue]) async throws(ReachClientError)
    -> EndpointAnswer
  {
    Issue.record("'\(endpointID.rawValue)' was sent")
    throw .cancelled
  }

  func redacted(_ value: JSONValue) -> JSONValue { value }

  func customer(_ action: String, url: String, card: String?) async throws(ReachClientError)
    -> (status: Int, location: String?)
  {
    throw .notASandbox(target: "test")
  }
}
