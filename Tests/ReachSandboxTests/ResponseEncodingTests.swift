import Foundation
import HTTPTypes
import NIOCore
import ReachCatalogue
import ReachEndpoints
import Testing

@testable import ReachSandbox

/// The hot path's shortcuts give what the general code gives: the bytes of a response body, the
/// headers read in one pass, a query string split on bytes.
@Suite("Response encoding and request reading")
struct ResponseEncodingTests {
  /// `jsonBuffer` holds exactly the bytes of `jsonText()`.
  @Test(arguments: [
    JSONValue.null, .bool(true), .bool(false), .int(0), .int(7), .int(-42), .int(1_000_000_007), .int(Int.max),
    .int(Int.min), .double(2.5), .double(3), .double(-0.0), .double(-12), .double(0.1), .double(999_999_999_999_999),
    .double(1e20), .double(-1e15), .double(.infinity), .double(.nan), .string(""), .string("plain"),
    .string("q\"b\\s/n\n t\t u\u{e9} \u{1F600} \u{01}"),
    .array([]), .object([:]), .array([.int(1), .string("a"), .null, .array([.bool(false)])]),
    .object([
      "zeta": .int(1), "alpha": .object(["b": .string("x\ny"), "a": .array([])]), "Mid": .double(-0.25),
      "é": .string("\u{e9}"), "": .null,
    ]),
    // More members than a small sort's cut-off, with keys that share prefixes and differ in case.
    .object(
      Dictionary(
        uniqueKeysWithValues: (0..<40).map { i in
          (["customer", "Customer", "customerId", "c", "zz", "a_b"][i % 6] + String(i), JSONValue.int(i))
        })),
  ])
  func bufferMatchesText(_ value: JSONValue) {
    #expect(String(buffer: value.jsonBuffer) == value.jsonText())
  }

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

/// An error answer written straight to bytes holds what its `body` value would.
@Suite("Error answers")
struct ErrorBytesTests {
  @Test(arguments: [
    SandboxError.conflict("cannot suspend a line that is SUSPENDED (3); it must be ACTIVE"),
    SandboxError.unauthorized("the \"Authorization\" header is missing"),
    SandboxError(status: 429, errors: [], message: "rate limit exceeded"),
    SandboxError.badRequest([ArgumentIssue(field: "customerId", message: "is required")]),
    SandboxError.badRequest([
      ArgumentIssue(field: "iccId", message: "must be 19 or 20 digits\n(got \\x)"),
      ArgumentIssue(field: "zip", message: "é ok"),
    ]),
    SandboxError(status: 500, errors: [], message: ""),
  ])
  func bytesMatchTheBody(_ error: SandboxError) {
    #expect(String(decoding: error.bodyBytes, as: UTF8.self) == error.body.jsonText())
  }
}
