import Foundation
import Playbook
import PlaybookRunner
import ReachCatalogue
import ReachClient
import Testing

/// Every step kind against a real HTTP server on loopback, on a virtual clock.
@Suite struct RunnerTests {
  static let suspend = """
    name: Suspend one subscriber
    inputs:
      customerId: { type: string, required: true }
      reason: { type: string, default: BILLDUE }
    vars:
      attempts: 0
    steps:
      - id: info
        call: customer.info
        with: { customerId: "${{ inputs.customerId }}" }
        extract: { status: "${{ response.status }}" }
      - id: suspend
        if: "${{ steps.info.status == 2 }}"
        call: subscriber.suspend
        with: { customerId: "${{ inputs.customerId }}", reasonCode: "${{ inputs.reason }}" }
        expect: { status: 200 }
      - id: confirm
        call: customer.info
        with: { customerId: "${{ inputs.customerId }}" }
        poll: { every: 5s, until: "${{ response.status != 2 }}", timeout: 2m }
    outputs:
      finalStatus: "${{ steps.confirm.response.status }}"
    """

  /// customerinfo says ACTIVE (2) until suspend was called and two more polls passed.
  static func suspendScript() -> FakePlatform {
    FakePlatform { request, count in
      switch request.path {
      case "/apisvc/v0/customerinfo":
        return (200, ["customerId": .string(request.query["customerId"] ?? ""), "status": count <= 3 ? 2 : 3])
      case "/apisvc/v0/suspend":
        return (200, ["customerId": request.body["customerId"] ?? nil, "message": "accepted"])
      default:
        return (404, ["message": "no such path"])
      }
    }
  }

  func runner(_ client: ReachClient, _ clock: VirtualClock, _ files: [String: String]) -> PlaybookRunner {
    PlaybookRunner(
      caller: client, clock: clock, source: .inMemory(files), now: { "2026-01-01T00:00:00Z" }, uuid: { "u-1" })
  }

  @Test func runsTheIssueExample() async throws {
    let platform = Self.suspendScript()
    let clock = VirtualClock()
    let log = EventLog()
    try await platform.serve(clock: clock) { client in
      let result = await runner(client, clock, ["suspend.yaml": Self.suspend])
        .run(file: "suspend.yaml", inputs: ["customerId": "C-7"], events: log.sink)
      #expect(result.outcome == .passed)
      #expect(result.outcome.exitCode == 0)
      #expect(result.outputs == ["finalStatus": 3])
    }
    #expect(
      platform.received.map(\.path) == [
        "/apisvc/v0/customerinfo", "/apisvc/v0/suspend", "/apisvc/v0/customerinfo", "/apisvc/v0/customerinfo",
        "/apisvc/v0/customerinfo",
      ])
    #expect(platform.received[1].method == "PUT")
    #expect(platform.received[1].body == ["customerId": "C-7", "reasonCode": "BILLDUE"])
    #expect(clock.sleeps == [.seconds(5), .seconds(5)])
    let polls = log.all.compactMap { event -> Bool? in
      if case .pollAttempt(_, _, _, let done) = event { return done }
      return nil
    }
    #expect(polls == [false, false, true])
    #expect(
      log.all.contains { event in
        if case .stepFinished(let step, .passed, _, let extracted) = event {
          return step.label == "info" && extracted == ["status": 2]
        }
        return false
      })
    if case .runFinished(.passed, let duration) = log.all.last {
      #expect(duration == .seconds(10))
    } else {
      Issue.record("the run did not finish with a pass")
    }
  }

  @Test func skipsAStepWhoseConditionDoesNotHold() async throws {
    let platform = FakePlatform { _, _ in (200, ["status": 3]) }
    let clock = VirtualClock()
    let log = EventLog()
    try await platform.serve(clock: clock) { client in
      let result = await runner(client, clock, ["suspend.yaml": Self.suspend])
        .run(file: "suspend.yaml", inputs: ["customerId": "C-7"], events: log.sink)
      #expect(result.outcome == .passed)
    }
    #expect(platform.count("/apisvc/v0/suspend") == 0)
    #expect(
      log.all.contains(
        .stepSkipped(
          StepReference(
            scope: [], label: "suspend", location: SourceLocation(file: "suspend.yaml", line: 12, column: 5)),
          condition: "${{ steps.info.status == 2 }}")))
  }

  @Test func anInvalidPlaybookSendsNothing() async throws {
    let platform = Self.suspendScript()
    let clock = VirtualClock()
    let broken = Self.suspend.replacingOccurrences(of: "call: subscriber.suspend", with: "call: subscriber.suspnd")
    try await platform.serve(clock: clock) { client in
      let result = await runner(client, clock, ["suspend.yaml": broken]).run(
        file: "suspend.yaml", inputs: ["customerId": "C-7"])
      #expect(result.outcome.exitCode == 2)
      guard case .invalid(let diagnostics) = result.outcome else {
        Issue.record("not invalid")
        return
      }
      #expect(
        diagnostics.map(\.description) == [
          "suspend.yaml:14:11: error: step 'suspend': unknown endpoint 'subscriber.suspnd' (did you mean 'subscriber.suspend'?); `reach endpoints` lists them all"
        ])
    }
    #expect(platform.received.isEmpty)
  }

  @Test func missingInputsSendNothing() async throws {
    let platform = Self.suspendScript()
    let clock = VirtualClock()
    try await platform.serve(clock: clock) { client in
      let result = await runner(client, clock, ["suspend.yaml": Self.suspend]).run(file: "suspend.yaml")
      #expect(
        result.outcome
          == .invalid([
            // At the input's declaration.
            Diagnostic(
              SourceLocation(file: "suspend.yaml", line: 3, column: 3),
              "missing required input 'customerId'; give it with --var customerId=VALUE")
          ]))
    }
    #expect(platform.received.isEmpty)
  }

  @Test func aFailedPollShowsWhatEachPartEvaluatedTo() async throws {
    let platform = FakePlatform { _, _ in (200, ["status": 2]) }
    let clock = VirtualClock()
    let playbook = """
      name: Poll forever
      steps:
        - id: wait
          call: customer.info
          with: { customerId: C-1 }
          poll: { every: 30s, until: "${{ response.status == 3 && http.status == 200 }}", timeout: 1m }
      """
    try await platform.serve(clock: clock) { client in
      let result = await runner(client, clock, ["p.yaml": playbook]).run(file: "p.yaml")
      #expect(
        result.outcome
          == .failed(
            """
            'until' did not hold after 3 attempts over 1m (timeout 1m): ${{ response.status == 3 && http.status == 200 }}
            response.status == 3 && http.status == 200 → false
              response.status == 3 → false
                response.status → 2
              http.status == 200 → true
                http.status → 200
            """))
      #expect(result.outcome.exitCode == 1)
    }
    #expect(platform.received.count == 3)
    #expect(clock.sleeps == [.seconds(30), .seconds(30)])
  }

  @Test func pollBacksOffAndStopsOnFailIf() async throws {
    let platform = FakePlatform { _, count in (200, ["status": count < 3 ? 1 : 8]) }
    let clock = VirtualClock()
    let playbook = """
      name: Activation fails
      steps:
        - id: wait
          call: customer.info
          with: { customerId: C-1 }
          poll: { every: 2s, backoff: 2, until: "response.status == 2", fail_if: "response.status in [8, 10, 11]", timeout: 1h }
      """
    try await platform.serve(clock: clock) { client in
      let result = await runner(client, clock, ["p.yaml": playbook]).run(file: "p.yaml")
      #expect(
        result.outcome
          == .failed(
            """
            'fail_if' held on attempt 3: ${{ response.status in [8, 10, 11] }}
            response.status in [8, 10, 11] → true
              response.status → 8
            """))
    }
    #expect(clock.sleeps == [.seconds(2), .seconds(4)])
  }

  /// `max_every` caps how far `backoff` grows the interval.
  @Test func pollBackoffStopsGrowingAtMaxEvery() async throws {
    let platform = FakePlatform { _, count in (200, ["status": count < 6 ? 1 : 2]) }
    let clock = VirtualClock()
    let playbook = """
      name: Capped
      steps:
        - id: wait
          call: customer.info
          with: { customerId: C-1 }
          poll: { every: 10s, backoff: 2, max_every: 30s, until: "response.status == 2", timeout: 5m }
      """
    try await platform.serve(clock: clock) { client in
      let result = await runner(client, clock, ["p.yaml": playbook]).run(file: "p.yaml")
      #expect(result.outcome == .passed, "\(result.outcome)")
    }
    #expect(clock.sleeps == [10, 20, 30, 30, 30].map { .seconds($0) })
  }

  @Test func expectChecksStatusAndThat() async throws {
    let platform = FakePlatform { request, _ in
      request.path == "/apisvc/v0/suspend"
        ? (409, ["message": "already suspended"]) : (200, ["status": 2, "customerId": "C-1"])
    }
    let clock = VirtualClock()
    let files = [
      "that.yaml": """
      name: That
      steps:
        - id: info
          call: customer.info
          with: { customerId: C-1 }
          expect: { that: ["response.customerId == 'C-1'", "response.status == 3"] }
      """,
      "status.yaml": """
      name: Status
      steps:
        - call: subscriber.suspend
          with: { customerId: C-1, reasonCode: BILLDUE }
      """,
      "accepted.yaml": """
      name: Accepted
      steps:
        - call: subscriber.suspend
          with: { customerId: C-1, reasonCode: BILLDUE }
          expect: { status: [200, 409] }
      """,
    ]
    try await platform.serve(clock: clock) { client in
      let runner = runner(client, clock, files)
      #expect(
        await runner.run(file: "that.yaml").outcome
          == .failed(
            """
            expectation failed: ${{ response.status == 3 }}
            response.status == 3 → false
              response.status → 2
            """))
      #expect(
        await runner.run(file: "status.yaml").outcome
          == .failed(
            "'subscriber.suspend' answered HTTP 409, expected 2xx: {\"message\":\"already suspended\"}"))
      #expect(await runner.run(file: "accepted.yaml").outcome == .passed)
    }
  }

  @Test func switchSetLogSleepAndFail() async throws {
    let platform = FakePlatform { _, _ in (200, ["status": 3]) }
    let clock = VirtualClock()
    let log = EventLog()
    let playbook = """
      name: Branches
      vars: { note: none }
      steps:
        - id: info
          call: customer.info
          with: { customerId: C-1 }
        - id: branch
          switch: steps.info.response.status
          cases:
            2:
              - set: { note: active }
            3:
              - set: { note: "suspended at ${{ now() }}" }
              - sleep: 90s
          default:
            - fail: unexpected status
        - log: "note: ${{ vars.note }} (${{ uuid() }})"
        - if: vars.note == 'none'
          fail: "never: ${{ vars.note }}"
      outputs: { note: "${{ vars.note }}", branch: "${{ steps.branch.value }}" }
      """
    try await platform.serve(clock: clock) { client in
      let result = await runner(client, clock, ["b.yaml": playbook]).run(file: "b.yaml", events: log.sink)
      #expect(result.outcome == .passed)
      #expect(result.outputs == ["note": "suspended at 2026-01-01T00:00:00Z", "branch": 3])
    }
    #expect(clock.sleeps == [.seconds(90)])
    #expect(
      log.all.contains { event in
        if case .logged(_, let message) = event { return message == "note: suspended at 2026-01-01T00:00:00Z (u-1)" }
        return false
      })
    let failing = playbook.replacingOccurrences(of: "3:\n", with: "4:\n")
    try await FakePlatform { _, _ in (200, ["status": 3]) }.serve(clock: clock) { client in
      let result = await runner(client, clock, ["b.yaml": failing]).run(file: "b.yaml")
      #expect(result.outcome == .failed("unexpected status"))
    }
  }

  @Test func foreachKeepsPerItemResultsInOrder() async throws {
    let platform = FakePlatform { request, _ in
      (200, ["customerId": request.body["customerId"] ?? nil, "message": "accepted"])
    }
    let clock = VirtualClock()
    let files = [
      "bulk.yaml": """
      name: Bulk restore
      inputs:
        lines: { type: csv, required: true }
      steps:
        - id: each
          foreach: ${{ inputs.lines }}
          as: line
          concurrency: 3
          steps:
            - id: restore
              call: subscriber.restore
              with: { customerId: "${{ line.customerId }}", reasonCode: "${{ line.reason }}" }
              extract: { who: "${{ response.customerId }}" }
      outputs:
        who: "${{ [steps.each.results[0].restore.who, steps.each.results[4].restore.who] }}"
        count: "${{ len(steps.each.results) }}"
      """,
      "lines.csv": "customerId,reason\nC-1,FIXED\nC-2,FIXED\nC-3,\"PAID, LATE\"\nC-4,FIXED\nC-5,FIXED\n",
    ]
    try await platform.serve(clock: clock) { client in
      let result = await runner(client, clock, files).run(file: "bulk.yaml", inputs: ["lines": "lines.csv"])
      #expect(result.outcome == .passed)
      #expect(result.outputs == ["who": ["C-1", "C-5"], "count": 5])
    }
    #expect(
      Set(platform.received.compactMap { $0.body["customerId"]?.stringValue }) == ["C-1", "C-2", "C-3", "C-4", "C-5"])
    #expect(platform.received.contains { $0.body["reasonCode"] == "PAID, LATE" })
  }

  @Test func useRunsAnotherPlaybookAndReturnsItsOutputs() async throws {
    let platform = FakePlatform { request, _ in
      (200, ["customerId": .string(request.query["customerId"] ?? ""), "status": 2])
    }
    let clock = VirtualClock()
    let files = [
      "flows/main.yaml": """
      name: Main
      steps:
        - id: lookup
          use: ../lib/status.yaml
          with: { customerId: C-9 }
        - if: steps.lookup.status != 2
          fail: not active
      outputs: { status: "${{ steps.lookup.status }}", who: "${{ steps.lookup.who }}" }
      """,
      "lib/status.yaml": """
      name: Status of one subscriber
      inputs:
        customerId: { type: string, required: true }
      steps:
        - id: info
          call: customer.info
          with: { customerId: "${{ inputs.customerId }}" }
      outputs:
        status: "${{ steps.info.response.status }}"
        who: "${{ steps.info.response.customerId }}"
      """,
    ]
    let log = EventLog()
    try await platform.serve(clock: clock) { client in
      let result = await runner(client, clock, files).run(file: "flows/main.yaml", events: log.sink)
      #expect(result.outcome == .passed)
      #expect(result.outputs == ["status": 2, "who": "C-9"])
    }
    #expect(
      log.all.contains { event in
        if case .stepFinished(let step, .passed, _, _) = event { return step.description == "lookup › info" }
        return false
      })
  }

  @Test func anExhaustedRateLimitAbortsTheRun() async throws {
    let platform = FakePlatform { _, _ in (429, ["message": "slow down"]) }
    let clock = VirtualClock()
    try await platform.serve(clock: clock) { client in
      let result = await runner(client, clock, ["suspend.yaml": Self.suspend]).run(
        file: "suspend.yaml", inputs: ["customerId": "C-7"])
      #expect(result.outcome.exitCode == 3)
    }
    #expect(platform.count("/apisvc/v0/suspend") == 0)
  }
}
