import Foundation
import NIOCore
import ReachWebhooks
import Testing

/// The real `reach` binary, built beside the test bundle.
func reachBinary() -> URL {
  URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("reach")
}

/// Starts `reach webhooks serve` on port 0 over the store at `path`; returns it and its port.
func startServe(_ path: String) throws -> (Process, Int?) {
  let process = Process()
  process.executableURL = reachBinary()
  process.arguments = ["webhooks", "serve", "--port", "0", "--db", path]
  let out = Pipe()
  process.standardOutput = out
  process.standardError = FileHandle.nullDevice
  try process.run()
  var buffer = Data()
  while true {
    let chunk = out.fileHandleForReading.availableData
    guard !chunk.isEmpty else { return (process, nil) }
    buffer.append(chunk)
    let text = String(decoding: buffer, as: UTF8.self)
    if let range = text.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression) {
      return (process, Int(text[range].split(separator: ":")[1]))
    }
  }
}

@Suite struct CrashTests {
  /// kill -9 while 20 senders are posting: every event that got its 200 is in the store.
  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: reachBinary().path)))
  func acknowledgedEventsSurviveKill9UnderLoad() async throws {
    let path = temporaryStorePath()
    let (process, port) = try startServe(path)
    defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
    let url = "http://127.0.0.1:\(try #require(port))/apisvc/v0/notification/callback"
    let acknowledged = Lines()
    let pid = process.processIdentifier
    await withTaskGroup(of: Void.self) { group in
      for sender in 0..<20 {
        group.addTask {
          // Each sender stops once the plug is pulled; a post in flight then fails within 2 s.
          for i in 0..<40 where acknowledged.all.count < 100 {
            let id = "L\(sender)-\(i)"
            guard
              let answer = try? await post(
                url, #"{"type":"ACTIVATION","transactionId":"\#(id)","status":2}"#, timeout: .seconds(2)),
              answer.status == 200
            else { continue }
            // The 100th acknowledgement pulls the plug, mid-load.
            if acknowledged.append(id) == 100 { kill(pid, SIGKILL) }
          }
        }
      }
    }
    process.waitUntilExit()
    #expect(process.terminationReason == .uncaughtSignal)
    let acked = Set(acknowledged.all)
    let stored = Set(try WebhookStore(path: path).events().compactMap(\.transactionId))
    #expect(acked.count >= 100)
    #expect(acked.subtracting(stored).isEmpty, "acknowledged but lost: \(acked.subtracting(stored).sorted())")
  }

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
    // This test's own events, in order. The receiver takes callbacks from anyone, and while the
    // tests run in parallel another test's sender may reach this port.
    let stored = try WebhookStore(path: path).events().compactMap(\.transactionId).filter { $0.hasPrefix("K") }
    #expect(stored == acknowledged)
  }
}
