// A benchmark peer for `benchmarks/sandbox-wrk.sh`, not part of `reach`: the barest Hummingbird
// server, one route that answers a fixed JSON body (the file nginx serves in the same run). No
// routing table, no credentials, no state: what any server on Hummingbird's router and HTTP/1
// channel pays per request before it does anything else, the floor the sandbox stands on.
//
//   server-probe PORT BODY-FILE
//
// Answers `GET /apisvc/v0/customerinfo` with the file's bytes; prints `listening on PORT`.
import Foundation
import Hummingbird
import NIOCore

let arguments = CommandLine.arguments
guard arguments.count == 3, let port = Int(arguments[1]),
  let contents = FileManager.default.contents(atPath: arguments[2])
else {
  FileHandle.standardError.write(Data("usage: server-probe PORT BODY-FILE\n".utf8))
  exit(2)
}
let body = ByteBuffer(bytes: contents)
let router = Router()
router.get("/apisvc/v0/customerinfo") { _, _ in
  Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: body))
}
let application = Application(
  router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)),
  onServerRunning: { _ in FileHandle.standardOutput.write(Data("listening on \(port)\n".utf8)) })
try await application.runService()
