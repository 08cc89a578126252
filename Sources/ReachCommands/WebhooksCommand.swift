import ArgumentParser
import Foundation
import Hummingbird
import ReachCatalogue
import ReachClient
import ReachWebhooks

struct WebhooksCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "webhooks",
    abstract: "Receive the platform's notifications and callbacks (2.3), durably and idempotently.",
    subcommands: [Serve.self, List.self])

  struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Serve POST /apisvc/v0/notification and /apisvc/v0/notification/callback.",
      discussion: """
        Each event is committed to the store (SQLite, WAL) before the 200 goes out; a duplicate \
        (same callback transactionId, or same notification) is answered 200 and not stored or \
        forwarded again. Malformed JSON gets 400, a body over 1 MiB 413, another method 405; an \
        unknown event type is stored and reported. The platform calls HTTPS endpoints (2.2): \
        serve HTTPS with --tls-cert and --tls-key (or --tls-self-signed for a rehearsal), or put a \
        TLS-terminating proxy in front. Plain HTTP is served only on loopback unless \
        --allow-plain-http.
        """)

    @Option(name: .long, help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(name: .long, help: "The port to listen on (0 picks a free one).")
    var port = 8088

    @Option(name: .long, help: ArgumentHelp("The event store.", valueName: "path"))
    var db = WebhookStore.defaultPath

    @Option(
      name: .customLong("forward-to"), help: ArgumentHelp("Relay each new event once to this URL.", valueName: "url"))
    var forwardTo: String?

    @Option(
      name: .customLong("allow-from"),
      help: ArgumentHelp("Only these addresses may post (403 otherwise).", valueName: "cidr[,cidr…]"))
    var allowFrom: String?

    @Option(
      name: .customLong("tls-cert"),
      help: ArgumentHelp("Serve HTTPS with this certificate chain (PEM, leaf first).", valueName: "pem"))
    var tlsCert: String?

    @Option(name: .customLong("tls-key"), help: ArgumentHelp("The private key of --tls-cert (PEM).", valueName: "pem"))
    var tlsKey: String?

    @Flag(
      name: .customLong("tls-self-signed"),
      help: "Serve HTTPS with a throwaway self-signed certificate (needs openssl); for rehearsals only.")
    var tlsSelfSigned = false

    @Flag(name: .customLong("allow-plain-http"), help: "Serve plain HTTP on an address that is not loopback.")
    var allowPlainHTTP = false

    var servesTLS: Bool { tlsCert != nil || tlsSelfSigned }

    func validate() throws {
      if (tlsCert == nil) != (tlsKey == nil) {
        throw ValidationError("give --tls-cert and --tls-key together: the certificate chain and its private key")
      }
      if tlsSelfSigned && tlsCert != nil {
        throw ValidationError("give either --tls-cert/--tls-key or --tls-self-signed, not both")
      }
      if !servesTLS && !OutgoingURL.isLoopback(host) && !allowPlainHTTP {
        throw ValidationError(
          "plain HTTP is served only on loopback, and \(host) is not: the platform calls HTTPS endpoints (2.2); "
            + "give --tls-cert and --tls-key, terminate TLS in front of the receiver, or pass --allow-plain-http")
      }
      guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535") }
      if let allowFrom, case .failure(let error) = CIDR.list(allowFrom) {
        throw ValidationError("--allow-from: \(error)")
      }
      if let forwardTo, let refusal = OutgoingURL.refusal(forwardTo) {
        throw ValidationError("--forward-to: \(refusal)")
      }
    }

    /// The certificate to serve, when HTTPS was asked for.
    func tls() throws(WebhookTLSError) -> WebhookTLS? {
      if let tlsCert, let tlsKey { return try WebhookTLS.load(certificatePath: tlsCert, keyPath: tlsKey) }
      if tlsSelfSigned { return try WebhookTLS.selfSigned(hosts: Self.selfSignedHosts(host)) }
      return nil
    }

    /// The names a self-signed certificate covers: loopback, and the host served on.
    static func selfSignedHosts(_ host: String) -> [String] {
      var hosts = ["127.0.0.1", "localhost", "::1"]
      if !["0.0.0.0", "::"].contains(host) && !hosts.contains(host) { hosts.append(host) }
      return hosts
    }

    func run() async throws {
      let tls: WebhookTLS?
      do {
        tls = try self.tls()
      } catch {
        Console.error(error.description)
        throw ExitStatus.invalid
      }
      let store: WebhookStore
      do {
        store = try WebhookStore(path: db)
      } catch {
        Console.error("cannot open the event store \(db): \(error)")
        throw ExitStatus.invalid
      }
      let allowed = (try? allowFrom.map { try CIDR.list($0).get() }) ?? nil
      let forwarder = forwardTo.map { WebhookForwarder(store: store, url: $0, onFailure: { Console.error($0) }) }
      let receiver = WebhookReceiver(
        store: store, allowFrom: allowed ?? [],
        onNewEvent: { event in
          if !event.known {
            Console.error(
              "stored an event of unknown type '\(TerminalText.field(event.type))' (sequence \(event.sequence ?? 0))")
          }
          forwarder?.wake()
        })
      let host = self.host
      let db = self.db
      let scheme = tls == nil ? "http" : "https"
      if let tls, tlsSelfSigned {
        // The certificate (never the key) next to the store, for clients to trust.
        let path = URL(fileURLWithPath: db).deletingLastPathComponent().appendingPathComponent("webhooks-cert.pem").path
        do {
          try tls.certificatePEM.write(toFile: path, atomically: true, encoding: .utf8)
          Console.note("# self-signed certificate for this run: trust \(path) (e.g. curl --cacert \(path))")
        } catch {
          Console.error("cannot write the certificate to \(path): \(error.localizedDescription)")
          throw ExitStatus.failure
        }
      }
      let app = try WebhookServer.application(receiver: receiver, host: host, port: port, tls: tls) { port in
        Console.out("reach webhooks listening on \(scheme)://\(host):\(port) (store: \(db))")
      }
      try await withThrowingTaskGroup(of: Void.self) { group in
        if let forwarder {
          group.addTask { await forwarder.run() }
          forwarder.wake()
        }
        do {
          try await app.runService()
        } catch {
          Console.error(ListenFailure.describe(error, host: host, port: port))
          throw ExitStatus.failure
        }
        group.cancelAll()
      }
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the events the receiver stored, oldest first.")

    @Option(name: .long, help: ArgumentHelp("The event store.", valueName: "path"))
    var db = WebhookStore.defaultPath

    @Option(name: .long, help: ArgumentHelp("Only events of this type (e.g. PRODUCT_PURCHASE).", valueName: "type"))
    var type: String?

    @Option(
      name: .long,
      help: ArgumentHelp("Only events received since: an ISO 8601 time, or an age like 30m, 2h, 1d.", valueName: "time")
    )
    var since: String?

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func validate() throws {
      if let since, WebhooksCommand.parseSince(since, now: Date()) == nil {
        throw ValidationError("--since: '\(since)' is neither an ISO 8601 time nor an age like 30m, 2h, 1d")
      }
    }

    func run() throws {
      guard FileManager.default.fileExists(atPath: db) else {
        Console.error("no event store at \(db) yet: `reach webhooks serve` creates it (or give --db PATH)")
        throw ExitStatus.invalid
      }
      let events = try WebhookStore(path: db).events(
        type: type, since: since.flatMap { WebhooksCommand.parseSince($0, now: Date()) })
      if json {
        Console.out(JSONValue.array(events.map(\.json)).jsonText(pretty: true))
      } else {
        Console.out(WebhooksCommand.table(events))
      }
    }
  }

  static func parseSince(_ text: String, now: Date) -> Date? {
    let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
    if let unit = text.last, let factor = units[unit], let amount = Double(text.dropLast()) {
      return now.addingTimeInterval(-amount * factor)
    }
    let formatter = ISO8601DateFormatter()
    if let date = formatter.date(from: text) { return date }
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.date(from: text)
  }

  static func table(_ events: [WebhookEvent]) -> String {
    guard !events.isEmpty else { return "no events\n" }
    let header = ["SEQ", "RECEIVED", "KIND", "TYPE", "TRANSACTION", "CUSTOMER", "FORWARDED"]
    let formatter = ISO8601DateFormatter()
    let rows = events.map { e in
      [
        String(e.sequence ?? 0), formatter.string(from: e.receivedAt), e.kind.rawValue,
        e.known ? e.type : e.type + " (unknown)",
        e.transactionId ?? "-", e.customerId ?? "-", e.forwardedAt.map { formatter.string(from: $0) } ?? "-",
      ]
    }
    return TextTable.render(header, rows)
  }
}
