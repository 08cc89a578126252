import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import ReachCatalogue
import ReachWebhooks
import Synchronization
import Testing

@Suite struct ReceiverTests {
  /// Runs a receiver on 127.0.0.1, port 0, for the duration of `body`.
  func withReceiver(
    _ receiver: WebhookReceiver, _ body: @Sendable (String) async throws -> Void
  ) async throws {
    let app = Application(
      router: receiver.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    try await app.test(.live) { client in try await body("http://127.0.0.1:\(client.port!)") }
  }

  @Test func duplicatesAreStoredOnceUnderConcurrency() async throws {
    let store = try WebhookStore(path: temporaryStorePath())
    let newEvents = Tally()
    let receiver = WebhookReceiver(store: store, onNewEvent: { _ in newEvents.add(status: 0, duplicate: false) })
    // 2,000 posts, 30 % of them repeats, 50 at a time: each batch of 50 holds 35 new events and
    // 15 repeats of events of the same batch, so a repeat races its original on the store.
    let uniqueCount = 1_400
    func body(_ n: Int) -> (WebhookKind, String) {
      n % 2 == 0
        ? (.callback, #"{"type":"ACTIVATION","transactionId":"T\#(n)","customerId":"C\#(n)","status":2}"#)
        : (
          .notification,
          #"{"type":"USAGE_NOTIFICATION","customerId":"C\#(n)","eventTime":"2026-11-23T10:00:\#(n)Z","threshold":80}"#
        )
    }
    var posts: [(WebhookKind, String)] = []
    for batch in 0..<40 {
      let fresh = (batch * 35)..<(batch * 35 + 35)
      var batchPosts = fresh.map(body)
      for k in 0..<15 {
        batchPosts.insert(body(fresh.lowerBound + (k * 7) % 35), at: (k * 3 + 1) % batchPosts.count)
      }
      posts += batchPosts
    }
    let bodies = posts
    #expect(bodies.count == 2_000)
    let sequences = Sequences()
    let tally = Tally()
    try await withReceiver(receiver) { url in
      for batch in stride(from: 0, to: bodies.count, by: 50) {
        try await withThrowingTaskGroup(of: Void.self) { group in
          for (kind, body) in bodies[batch..<min(batch + 50, bodies.count)] {
            group.addTask {
              let answer = try await post(url + kind.path, body)
              tally.add(status: answer.status, duplicate: answer.body["duplicate"] == true)
              let sequence = answer.body["sequence"]?.intValue ?? -1
              sequences.add(body, sequence)
            }
          }
          try await group.waitForAll()
        }
      }
    }
    #expect(tally.statuses == [200: 2_000])
    #expect(try store.count() == uniqueCount)
    #expect(tally.duplicates == 600)
    #expect(newEvents.statuses[0] == uniqueCount)
    // Every post of one event was answered with the sequence it is stored under.
    let answered = sequences.all
    #expect(answered.count == uniqueCount)
    #expect(answered.values.allSatisfy { $0.count == 1 && !$0.contains(-1) })
    #expect(Set(answered.values.compactMap(\.first)) == Set(try store.events().compactMap(\.sequence).map(Int.init)))
  }

  @Test func everyBadInputClassIsAnsweredAndNothingIsLost() async throws {
    let store = try WebhookStore(path: temporaryStorePath())
    try await withReceiver(WebhookReceiver(store: store)) { url in
      let malformed = try await post(url + "/apisvc/v0/notification/callback", "{not json")
      #expect(malformed.status == 400)
      #expect(malformed.body["message"] == "the body is not valid JSON")
      #expect(try await post(url + "/apisvc/v0/notification", "[1,2]").status == 400)
      let big = #"{"type":"USAGE_NOTIFICATION","pad":""# + String(repeating: "x", count: 1 << 20) + #""}"#
      #expect(try await post(url + "/apisvc/v0/notification", big).status == 413)
      #expect(try await post(url + "/apisvc/v0/notification", "", method: .GET).status == 405)
      #expect(try await post(url + "/apisvc/v0/notification/callback", "{}", method: .PUT).status == 405)
      let unknown = try await post(url + "/apisvc/v0/notification", #"{"type":"SIM_EXPLODED","customerId":"C1"}"#)
      #expect(unknown.status == 200)
      #expect(unknown.body["known"] == false)
      // A callback type posted to the notification endpoint is not one 4.1 defines there.
      let misplaced = try await post(url + "/apisvc/v0/notification", #"{"type":"ACTIVATION","customerId":"C2"}"#)
      #expect(misplaced.body["known"] == false)
    }
    let stored = try store.events()
    #expect(stored.map(\.type) == ["SIM_EXPLODED", "ACTIVATION"])
    #expect(stored.allSatisfy { !$0.known })
  }

  @Test func allowFromRefusesOtherAddresses() async throws {
    let store = try WebhookStore(path: temporaryStorePath())
    let elsewhere = try CIDR.list("10.0.0.0/8,2001:db8::/32").get()
    try await withReceiver(WebhookReceiver(store: store, allowFrom: elsewhere)) { url in
      let answer = try await post(url + "/apisvc/v0/notification", #"{"type":"PORT_OUT","customerId":"C1"}"#)
      #expect(answer.status == 403)
    }
    let loopback = try CIDR.list("127.0.0.0/8").get()
    try await withReceiver(WebhookReceiver(store: store, allowFrom: loopback)) { url in
      let answer = try await post(url + "/apisvc/v0/notification", #"{"type":"PORT_OUT","customerId":"C1"}"#)
      #expect(answer.status == 200)
    }
    #expect(try store.count() == 1)
  }

  @Test func secretsInBodiesAreMaskedInTheStore() async throws {
    let path = temporaryStorePath()
    let store = try WebhookStore(path: path)
    let pin = "pin-" + UUID().uuidString
    try await withReceiver(WebhookReceiver(store: store)) { url in
      _ = try await post(
        url + "/apisvc/v0/notification", #"{"type":"PORT_OUT","customerId":"C1","password":"\#(pin)"}"#)
    }
    #expect(try store.events().first?.body["password"] == "***")
    for suffix in ["", "-wal"] {
      let bytes = String(decoding: FileManager.default.contents(atPath: path + suffix) ?? Data(), as: UTF8.self)
      #expect(!bytes.contains(pin))
    }
  }

  @Test func cidrMatching() throws {
    let net = try #require(CIDR("192.0.2.0/24"))
    #expect(net.contains("192.0.2.77"))
    #expect(!net.contains("192.0.3.1"))
    #expect(net.contains("::ffff:192.0.2.1"))
    #expect(try #require(CIDR("2001:db8::/32")).contains("2001:db8:1::5"))
    #expect(CIDR("300.1.1.1") == nil)
    // Not a crash, and not read as a whole address: an empty entry, an empty or signed prefix.
    for bad in ["", "/", "/8", "10.0.0.0/", "10.0.0.0/+8", "10.0.0.0/33", "::1/129"] {
      #expect(CIDR(bad) == nil, "\(bad)")
    }
    #expect(CIDR.list("10.0.0.0/8,nope") == .failure(CIDRError(entry: "nope")))
  }

  /// IPv6 in its spellings: full, compressed at either end or in the middle, `::`, an embedded
  /// IPv4 tail; and what is not an address.
  @Test func cidrReadsIPv6InEverySpelling() throws {
    let net = try #require(CIDR("2001:db8:0:0:1::/80"))
    #expect(net.contains("2001:0db8:0000:0000:0001:0000:0000:0001"))
    #expect(net.contains("2001:db8::1:0:ffff:1"))
    #expect(!net.contains("2001:db8::2:0:0:1"))
    #expect(try #require(CIDR("::/0")).contains("fe80::1"))
    #expect(try #require(CIDR("::1")).contains("0:0:0:0:0:0:0:1"))
    #expect(!(try #require(CIDR("::1")).contains("::2")))
    #expect(try #require(CIDR("fe80::/10")).contains("febf:ffff::"))
    #expect(try #require(CIDR("::ffff:0:0/96")).contains("::ffff:198.51.100.9"))
    #expect(try #require(CIDR("64:ff9b::/96")).contains("64:ff9b::192.0.2.33"))
    #expect(!(try #require(CIDR("10.0.0.0/8")).contains("2001:db8::1")))
    for bad in ["1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "::g", "fe80::1%eth0", "::1/129", "1.2.3.4.5", "1.2.3"] {
      #expect(CIDR(bad) == nil, "\(bad)")
    }
    #expect(!(try #require(CIDR("::/0")).contains("")))
  }

  /// A peer's socket address is matched by its bytes, as its text would be.
  @Test func cidrMatchesAPeersSocketAddress() throws {
    let v4 = try #require(CIDR("192.0.2.0/24"))
    #expect(v4.contains(try SocketAddress(ipAddress: "192.0.2.9", port: 443)))
    #expect(v4.contains(try SocketAddress(ipAddress: "::ffff:192.0.2.9", port: 443)))
    #expect(!v4.contains(try SocketAddress(ipAddress: "192.0.3.9", port: 443)))
    let v6 = try #require(CIDR("2001:db8::/32"))
    #expect(v6.contains(try SocketAddress(ipAddress: "2001:db8:ffff::9", port: 443)))
    #expect(!v6.contains(try SocketAddress(ipAddress: "2001:db9::9", port: 443)))
    #expect(!v6.contains(try SocketAddress(unixDomainSocketPath: "/tmp/reach.sock")))
  }
}

@Suite struct ForwarderTests {
  @Test func forwardToDeliversEachNewEventOnce() async throws {
    let store = try WebhookStore(path: temporaryStorePath())
    let received = Lines()
    let failFirst = Lines()
    // The brand's own application: fails once, then accepts.
    let router = Router()
    router.post("/events") { request, _ -> HTTPResponse.Status in
      let body = try await request.body.collect(upTo: 1 << 20)
      if failFirst.append("attempt") == 1 { return .serviceUnavailable }
      received.append(String(buffer: body))
      return .ok
    }
    let brand = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    try await brand.test(.live) { client in
      let receiver = WebhookReceiver(store: store)
      let forwarder = WebhookForwarder(store: store, url: "http://127.0.0.1:\(client.port!)/events")
      let app = Application(router: receiver.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
      try await app.test(.live) { inbound in
        let url = "http://127.0.0.1:\(inbound.port!)/apisvc/v0/notification/callback"
        for body in [
          #"{"type":"PRODUCT_PURCHASE","transactionId":"T1","status":"COMPLETED"}"#,
          #"{"type":"PRODUCT_PURCHASE","transactionId":"T1","status":"COMPLETED"}"#,
          #"{"type":"ACTIVATION","transactionId":"T2","status":2}"#,
        ] {
          let answer = try await post(url, body)
          #expect(answer.status == 200)
        }
      }
      #expect(await forwarder.drainOnce() == false)  // the brand answered 503
      #expect(await forwarder.drainOnce() == true)
      #expect(await forwarder.drainOnce() == true)
      #expect(await forwarder.drainOnce() == nil)  // nothing left: nothing twice
    }
    let bodies = received.all
    #expect(bodies.count == 2)
    #expect(bodies[0].contains("T1") && bodies[1].contains("T2"))
    #expect(try store.unforwarded().isEmpty)
  }
}

final class Tally: Sendable {
  private let state = Mutex<(statuses: [Int: Int], duplicates: Int)>(([:], 0))
  func add(status: Int, duplicate: Bool) {
    state.withLock {
      $0.statuses[status, default: 0] += 1
      if duplicate { $0.duplicates += 1 }
    }
  }
  var statuses: [Int: Int] { state.withLock { $0.statuses } }
  var duplicates: Int { state.withLock { $0.duplicates } }
}

/// The sequences each body was answered with.
final class Sequences: Sendable {
  private let state = Mutex<[String: Set<Int>]>([:])
  func add(_ body: String, _ sequence: Int) { state.withLock { _ = $0[body, default: []].insert(sequence) } }
  var all: [String: Set<Int>] { state.withLock { $0 } }
}

final class Lines: Sendable {
  private let state = Mutex<[String]>([])
  /// Appends and returns the new count.
  @discardableResult func append(_ line: String) -> Int {
    state.withLock {
      $0.append(line)
      return $0.count
    }
  }
  var all: [String] { state.withLock { $0 } }
}
