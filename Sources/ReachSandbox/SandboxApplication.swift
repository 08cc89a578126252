import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle

/// The sandbox as a Hummingbird application whose server is HummingbirdCore's, with the
/// sandbox's own child channel (`SandboxHTTPChannel`): it answers platform calls inside the NIO
/// pipeline, on the event loop that read them, instead of handing each request to a task and back
/// (`benchmarks/sandbox-wrk.sh`). The answers are the same as Hummingbird's path
/// gives them, with the `Date` and `Server` headers `Application` adds. `responder` still serves
/// tests that drive the application through Hummingbird's own path (`.test(.live)`).
struct SandboxApplication: ApplicationProtocol {
  let sandbox: SandboxResponder
  let serverConfiguration: ServerConfiguration
  let logger: Logger
  let running: @Sendable (any Channel) async -> Void

  var responder: CallbackResponder<BasicRequestContext> {
    get async throws {
      let sandbox = self.sandbox
      return CallbackResponder { request, _ in await sandbox.respond(to: request) }
    }
  }

  /// The same address and server name, for Hummingbird's own path (`.test(.live)`).
  var configuration: ApplicationConfiguration {
    ApplicationConfiguration(address: serverConfiguration.address, serverName: serverConfiguration.serverName)
  }

  @Sendable func onServerRunning(_ channel: any Channel) async { await running(channel) }

  func run() async throws {
    let channel = SandboxHTTPChannel(responder: sandbox, serverName: serverConfiguration.serverName)
    try await Server(
      childChannelSetup: channel, configuration: serverConfiguration, onServerRunning: running,
      eventLoopGroup: eventLoopGroup, logger: logger
    ).run()
  }
}

/// The `Date` header's value (RFC 9110 5.6.7, `Sun, 06 Nov 1994 08:49:37 GMT`), formatted once
/// a second rather than on every response. Each connection keeps its own, on its event loop, so
/// no lock is shared between the loops.
struct HTTPDateHeader {
  private var second = -1
  private var text = ""
  private let now: () -> Int

  init(now: @escaping () -> Int = { time(nil) }) { self.now = now }

  mutating func current() -> String {
    let second = now()
    if second != self.second { (self.second, text) = (second, Self.format(second)) }
    return text
  }

  static func format(_ second: Int) -> String {
    var t = time_t(second)
    var parts = tm()
    gmtime_r(&t, &parts)
    let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
      + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
  }
}
