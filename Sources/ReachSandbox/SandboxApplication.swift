import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// The sandbox as a Hummingbird application that serves through HummingbirdCore's HTTP/1 server
/// directly. `Application.run()` wraps every request in a logger with a fresh request id, a
/// task-local binding of it and a request context; the sandbox's responder uses none of them, so
/// they were CPU spent on every request for nothing (`benchmarks/sandbox-wrk.sh`).
/// The answers are the same: the same responder, with the `Date` and `Server` headers that
/// `Application` adds. `responder` still serves tests that drive the application
/// (`.test(.live)`) through Hummingbird's own path.
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
    let sandbox = self.sandbox
    let serverName = serverConfiguration.serverName
    let dates = HTTPDateHeader()
    let server = try HTTPServerBuilder.http1().buildServer(
      configuration: serverConfiguration, eventLoopGroup: eventLoopGroup, logger: logger,
      responder: { request, writer, _ in
        var response = await sandbox.respond(to: request)
        response.headers[.date] = dates.current()
        if let serverName { response.headers[.server] = serverName }
        try await writer.write(response: response.head, body: response.body)
      },
      onServerRunning: running)
    try await server.run()
  }
}

/// The `Date` header's value (RFC 9110 5.6.7, `Sun, 06 Nov 1994 08:49:37 GMT`), formatted once
/// a second rather than on every response.
final class HTTPDateHeader: Sendable {
  private let cached = Mutex<(second: Int, text: String)>((-1, ""))
  private let now: @Sendable () -> Int

  init(now: @escaping @Sendable () -> Int = { time(nil) }) { self.now = now }

  func current() -> String {
    let second = now()
    return cached.withLock { cached in
      if cached.second != second { cached = (second, Self.format(second)) }
      return cached.text
    }
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
