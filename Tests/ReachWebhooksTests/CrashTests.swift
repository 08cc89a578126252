import Foundation
import ReachWebhooks
import Testing

/// The real `reach` binary, built beside the test bundle.
func reachBinary() -> URL {
  URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("reach")
}

@Suite struct CrashTests {
  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: reachBinary().path)))
  func acknowledgedEventsSurviveKill9() async throws {
    let path = temporaryStorePath()
    let process = Process()
    process.executableURL = reachBinary()
    process.arguments = ["webhooks", "serve", "--port", "0", "--db", path]
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
    // The ready line names the port.
    var buffer = Data()
    var port: Int?
    while port == nil {
      let chunk = out.fileHandleForReading.availableData
      guard !chunk.isEmpty else { break }
      buffer.append(chunk)
      let text = String(decoding: buffer, as: UTF8.self)
      if let range = text.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression) {
        port = Int(text[range].split(separator: ":")[1])
      }
    }
    let url = "http://127.0.0.1:\(try #require(port))/apisvc/v0/notification/callback"
    var acknowledged: [String] = []
    for i in 0..<50 {
      let answer = try await post(url, #"{"type":"ACTIVATION","transactionId":"K\#(i)","status":2}"#)
      if answer.status == 200 { acknowledged.append("K\(i)") }
    }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    #expect(acknowledged.count == 50)
    let stored = try WebhookStore(path: path).events().compactMap(\.transactionId)
    #expect(stored == acknowledged)
  }
}
