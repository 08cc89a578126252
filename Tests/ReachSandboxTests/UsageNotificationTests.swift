import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ReachCatalogue
import ReachServing
import Testing

@testable import ReachSandbox

/// Section 4.1: USAGE_NOTIFICATION, "Data threshold reached (e.g. 80%, 100% of plan)". The
/// standalone sandbox sends it by itself as a line's data use crosses 80 % and 100 % of its
/// allowance: only the clock moves, no request or trigger sets it off.
@Suite("Usage notifications at the guide's thresholds", .timeLimit(.minutes(1)))
struct UsageNotificationTests {
  static let day = Duration.seconds(86_400)

  /// The sandbox in the background on a manual clock, with its deliveries on a stream.
  static func serve(
    _ test: @escaping @Sendable (Caller, inout AsyncStream<WebhookReport>.Iterator) async throws -> Void
  ) async throws {
    let clock = ManualSandboxClock()
    let receiver = RecordingReceiver(failures: 0)
    let (webhook, reports) = reportingWebhook(baseURL: "https://brand.example", transport: receiver)
    let sandbox = SandboxServer(credentials: .random(), clock: clock, webhook: webhook)
    try await sandbox.application(limits: .inProcess).test(.live) { client in
      let caller = Caller(client: client, credentials: sandbox.credentials, clock: clock)
      var next = reports.makeAsyncIterator()
      try await test(caller, &next)
    }
  }

  /// The next delivery that is not a 4.2 callback.
  static func nextNotification(_ next: inout AsyncStream<WebhookReport>.Iterator) async throws -> WebhookReport {
    while true {
      let report = try #require(await next.next())
      if report.body["eventType"] != nil { return report }
    }
  }

  @Test func theSandboxSendsUsageNotificationsAt80And100PercentByItself() async throws {
    try await Self.serve { caller, next in
      // REACH-PLUS-15GB: 15 GB a 30-day cycle, used at 0.5 GB a day from activation.
      let customerId = try await Flows.activeLine(caller, clientAccountId: "acct-usage-auto")
      let info = try await caller.call(.get, "/apisvc/v0/customerinfo?customerId=\(customerId)")
      let activated = try #require(info["activationDate"]?.stringValue.flatMap(SandboxTime.init(iso8601:)))
      #expect(info["dataAllowanceGB"] == 15)

      // 24 days on: 12 GB, 80 %. Nothing but the clock moves.
      caller.clock.advance(by: Self.day * 24)
      let eighty = try await Self.nextNotification(&next)
      #expect(eighty.url == "https://brand.example/apisvc/v0/notification")
      #expect(eighty.delivered)
      #expect(eighty.body["eventType"] == "USAGE_NOTIFICATION")
      #expect(eighty.body["customerId"] == .string(customerId))
      #expect(eighty.body["usagePercent"] == 80)
      #expect(eighty.body["used"]?.doubleValue == 12)
      #expect(eighty.body["allowance"]?.doubleValue == 15)
      #expect(eighty.body["timestamp"] == .string(activated.adding(Self.day * 24).iso8601))

      // 30 days on: the whole allowance, 100 %, as the cycle ends.
      caller.clock.advance(by: Self.day * 6)
      let hundred = try await Self.nextNotification(&next)
      #expect(hundred.body["usagePercent"] == 100)
      #expect(hundred.body["used"]?.doubleValue == 15)
      #expect(hundred.body["timestamp"] == .string(activated.adding(Self.day * 30).iso8601))

      // A new cycle starts from 0: its own 80 % comes 24 days into it, once.
      caller.clock.advance(by: Self.day * 24)
      let again = try await Self.nextNotification(&next)
      #expect(again.body["usagePercent"] == 80)
      #expect(again.body["timestamp"] == .string(activated.adding(Self.day * 54).iso8601))
    }
  }

  /// What changes a line's course moves its notification: with its data cut off for 3 days, the
  /// line uses nothing, and its 80 % comes 3 days later than it would have (none at day 24).
  @Test func aCutOffLinePausesItsNotifications() async throws {
    try await Self.serve { caller, next in
      let customerId = try await Flows.activeLine(caller, clientAccountId: "acct-usage-cut")
      let info = try await caller.call(.get, "/apisvc/v0/customerinfo?customerId=\(customerId)")
      let activated = try #require(info["activationDate"]?.stringValue.flatMap(SandboxTime.init(iso8601:)))
      let path = "/apisvc/v0/customer/manage/feature/\(customerId)"
      let cut: JSONValue = ["feature": "DATA_CUTOFF", "enable": true, "reasonCode": "OVERUSE"]
      #expect(try await caller.call(.put, path, json: cut).status == 200)
      caller.clock.advance(by: Self.day * 3)
      let restore: JSONValue = ["feature": "DATA_CUTOFF", "enable": false, "reasonCode": "BILLPAID"]
      #expect(try await caller.call(.put, path, json: restore).status == 200)
      // Past day 24 and day 27 at once: a notification at day 24 would come first.
      caller.clock.advance(by: Self.day * 25)
      let eighty = try await Self.nextNotification(&next)
      #expect(eighty.body["usagePercent"] == 80)
      let sent = try #require(eighty.body["timestamp"]?.stringValue.flatMap(SandboxTime.init(iso8601:)))
      #expect(abs(sent.seconds - activated.adding(Self.day * 27).seconds) <= 1, "\(eighty.body)")
    }
  }

  /// With a state file, a line's next crossing survives a restart: the restarted sandbox sends the
  /// 80 % by itself when its day comes.
  @Test func theNextCrossingSurvivesARestart() async throws {
    try await PersistenceTests.withStateFile { path in
      let clock = ManualSandboxClock()
      let credentials = SandboxCredentials.random()
      let first = try SandboxStore(path: path)
      try await SandboxHarness(clock: clock, credentials: credentials, store: first).run { caller in
        let customerId = try await Flows.activeLine(caller, clientAccountId: "acct-usage-restart")
        caller.clock.advance(by: Self.day * 10)
        // The last request: the line's alarm (day 24) is in the file; nothing after sets it again.
        #expect(try await Flows.status(caller, customerId) == 2)
      }

      let receiver = RecordingReceiver(failures: 0)
      let (webhook, reports) = reportingWebhook(baseURL: "https://brand.example", transport: receiver)
      let sandbox = SandboxServer(
        credentials: credentials, clock: clock, webhook: webhook, store: try SandboxStore(path: path))
      try await sandbox.application(limits: .inProcess).test(.live) { _ in
        var next = reports.makeAsyncIterator()
        clock.advance(by: Self.day * 15)
        let eighty = try await Self.nextNotification(&next)
        #expect(eighty.body["usagePercent"] == 80)
        #expect(eighty.body["customerId"]?.stringValue?.hasPrefix("CUST") == true)
      }
    }
  }
}
