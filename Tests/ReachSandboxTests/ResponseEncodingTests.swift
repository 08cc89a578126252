import Foundation
import HTTPTypes
import NIOCore
import ReachCatalogue
import ReachEndpoints
import Testing

@testable import ReachSandbox

/// The hot path's shortcuts give what the general code gives: the headers read in one pass, a
/// query string split on bytes.
@Suite("Response encoding and request reading")
struct ResponseEncodingTests {
  @Test func sentHeadersReadsAuthorizationApiKeyAndBody() {
    var fields: HTTPFields = [.authorization: "Basic abc", SentHeaders.apiKeyName: "k1", .contentLength: "2"]
    var sent = SentHeaders(fields)
    #expect(sent.authorization == "Basic abc")
    #expect(sent.apiKey == "k1")
    #expect(sent.mayHaveBody)
    // A header sent twice reads as HTTPFields joins it, so it matches no credential.
    fields.append(HTTPField(name: SentHeaders.apiKeyName, value: "k2"))
    sent = SentHeaders(fields)
    #expect(sent.apiKey == fields[SentHeaders.apiKeyName])
    #expect(sent.apiKey == "k1, k2")
    sent = SentHeaders([.transferEncoding: "chunked"])
    #expect(sent.authorization == nil && sent.apiKey == nil && sent.mayHaveBody)
    #expect(!SentHeaders([.accept: "*/*"]).mayHaveBody)
  }

  @Test func queryPairsSplitOnBytes() {
    let pairs = FormEncoding.pairs("customerId=C%201&empty=&flag&a=b=c&&name=J+Doe&caf%C3%A9=%E2%82%AC")
    #expect(pairs.map(\.0) == ["customerId", "empty", "flag", "a", "name", "café"])
    #expect(pairs.map(\.1) == ["C 1", "", "", "b=c", "J Doe", "€"])
    #expect(FormEncoding.pairs(nil).isEmpty && FormEncoding.pairs("").isEmpty)
  }
}

@Suite("Route table")
struct RouteTableTests {
  /// Every endpoint is found at its own path, with its required query fields: paths without
  /// parameters through the prepared lookup, the others by matching templates; a trailing slash
  /// (the general matching) finds the same endpoint.
  @Test func everyEndpointIsFoundAtItsPath() {
    let routes = RouteTable()
    for endpoint in Catalogue.endpoints {
      var path = endpoint.path
      for name in endpoint.pathParameterNames { path = path.replacingOccurrences(of: "{\(name)}", with: "x-\(name)") }
      let query = Set(endpoint.fields(in: .query).filter { $0.required && $0.constant == nil }.map(\.name))
      for variant in [path, path + "/"] {
        let match = routes.match(method: endpoint.method.rawValue, path: variant, queryNames: query)
        #expect(match?.endpoint.id == endpoint.id, "\(endpoint.method.rawValue) \(variant)")
        for name in endpoint.pathParameterNames { #expect(match?.pathParameters[name] == "x-\(name)") }
      }
    }
    #expect(routes.match(method: "GET", path: "/apisvc/v0/nowhere", queryNames: []) == nil)
  }
}

/// An error answer: section 5's shape, keys in order.
@Suite("Error answers")
struct ErrorBodyTests {
  @Test func theBodyIsSection5sShape() {
    let refused = SandboxError.badRequest([
      ArgumentIssue(field: "iccId", message: "must be 19 or 20 digits\n(got \\x)"),
      ArgumentIssue(field: "zip", message: "é ok"),
    ])
    #expect(
      String(buffer: refused.body.jsonBuffer)
        == #"{"errors":[{"field":"iccId","message":"must be 19 or 20 digits\n(got \\x)"},"#
        + #"{"field":"zip","message":"é ok"}],"message":"\#(refused.message)","status":400}"#)
    #expect(
      SandboxError.conflict("no").body.jsonText() == #"{"errors":[{"message":"no"}],"message":"no","status":409}"#)
  }
}
