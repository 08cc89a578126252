import PlaybookRunner
import ReachCatalogue
import ReachClient
import ReachEndpoints

/// The caller of a dry run: plans never call it; it redacts what the plan shows.
struct DryRunCaller: EndpointCaller {
  let redactor: Redactor

  func answer(_ endpointID: EndpointID, _ arguments: [String: JSONValue]) async throws(ReachClientError)
    -> EndpointAnswer
  {
    throw .transport(endpointID: endpointID.rawValue, message: "a dry run sends nothing")
  }

  func redacted(_ value: JSONValue) -> JSONValue { redactor.redact(value) }

  var secretMasker: SecretMasker? { redactor.masker }

  func customer(_ action: String, url: String, card: String?) async throws(ReachClientError)
    -> (status: Int, location: String?)
  {
    throw .transport(endpointID: "customer", message: "a dry run sends nothing")
  }
}
