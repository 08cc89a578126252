import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import ReachCatalogue

func temporaryStorePath() -> String {
  FileManager.default.temporaryDirectory.appendingPathComponent("reach-webhooks-\(UUID().uuidString)/events.sqlite")
    .path
}

/// POSTs `body` (raw text) to `url` and returns the status and decoded JSON answer.
func post(
  _ url: String, _ body: String, method: HTTPMethodName = .POST, timeout: TimeAmount = .seconds(120)
) async throws -> (status: Int, body: JSONValue) {
  var request = HTTPClientRequest(url: url)
  request.method = method.nio
  request.headers.add(name: "Content-Type", value: "application/json")
  request.body = .bytes(ByteBuffer(string: body))
  let response = try await HTTPClient.shared.execute(request, timeout: timeout)
  let buffer = try await response.body.collect(upTo: 1 << 20)
  let json = (try? JSONDecoder().decode(JSONValue.self, from: Data(buffer.readableBytesView))) ?? .null
  return (Int(response.status.code), json)
}

enum HTTPMethodName {
  case POST, GET, PUT

  var nio: NIOHTTP1.HTTPMethod {
    switch self {
    case .POST: return .POST
    case .GET: return .GET
    case .PUT: return .PUT
    }
  }
}
