import Foundation
import Playbook
import PlaybookRunner
import ReachCatalogue
import ReachClient
import Testing

/// Issue 16, deliverable 3: every answer is compared with its endpoint's description in the
/// catalogue; each difference is reported once, with its field path; `--strict-contract` fails.
@Suite struct ContractDriftTests {
  /// `device.imei` answers `isValid`, `mode` (PSIM|ESIM|BOTH), `esimAvailable`, `make`, `model`.
  /// This platform renames `model` to `modelName`, adds `carrier`, gives `make` as a number and
  /// `mode` a value the catalogue does not know; `customer.info` answers 418.
  static let platform = FakePlatform { request, _ in
    if request.path.hasPrefix("/apisvc/v0/device/imei/") {
      return (
        200,
        [
          "isValid": true, "mode": "DUAL", "esimAvailable": true, "make": 42, "modelName": "X1",
          "carrier": "ATT",
        ]
      )
    }
    return (418, ["message": "teapot"])
  }

  static let playbook = """
    name: drift
    steps:
      - id: first
        call: device.imei
        with: { imei: "356938035643809" }
      - id: again
        call: device.imei
        with: { imei: "356938035643809" }
      - id: info
        call: customer.info
        with: { customerId: C1 }
        expect: { status: [418] }
    """

  @Test func eachDifferenceIsReportedOnceWithItsFieldPath() async throws {
    let clock = VirtualClock()
    let events = EventLog()
    let drift = try await Self.run(strict: false, clock: clock, events: events)
    let reported = events.all.compactMap { event -> ContractDifference? in
      if case .contractDrift(_, let difference) = event { return difference }
      return nil
    }
    let expected: Set<ContractDifference> = [
      ContractDifference(endpointID: "device.imei", kind: .missing, path: "model", expected: "string", seen: "nothing"),
      ContractDifference(
        endpointID: "device.imei", kind: .undescribed, path: "modelName", expected: "", seen: "string"),
      ContractDifference(endpointID: "device.imei", kind: .undescribed, path: "carrier", expected: "", seen: "string"),
      ContractDifference(
        endpointID: "device.imei", kind: .wrongType, path: "make", expected: "string", seen: "integer"),
      ContractDifference(
        endpointID: "device.imei", kind: .unknownValue, path: "mode", expected: "PSIM|ESIM|BOTH", seen: "DUAL"),
    ]
    // Two calls to device.imei, each difference once; the 418 once.
    #expect(reported.count == 6)
    #expect(Set(reported.filter { $0.kind != .undeclaredStatus }) == expected)
    let status = try #require(reported.first { $0.kind == .undeclaredStatus })
    #expect(status.endpointID == "customer.info" && status.seen == "418")
    // The console prints each difference once, as a sentence with its field path.
    var console = ConsoleReport(colour: false)
    let printed = events.all.flatMap { console.lines(for: $0) }.filter { $0.contains("≠ drift:") }
    #expect(printed.count == 6, "\(printed)")
    #expect(printed.contains { $0.contains("device.imei: make is an integer, described as a string") }, "\(printed)")
    #expect(printed.contains { $0.contains("device.imei: model is missing (described as a string)") }, "\(printed)")
    #expect(printed.contains { $0.contains("device.imei: carrier is not in the catalogue (a string came)") })
    // The collector counts both calls and names the step that first met each.
    let entries = drift.entries
    #expect(entries.count == 6)
    #expect(entries.filter { $0.difference.endpointID == "device.imei" }.allSatisfy { $0.count == 2 })
    #expect(entries.first { $0.difference.path == "mode" }?.firstStep == "first")
    // The drift report: one object per difference, with its count.
    let json = drift.json(masker: SecretMasker())
    let list = try #require(json["differences"]?.arrayValue)
    #expect(list.count == 6)
    #expect(list.contains { $0["field"] == "mode" && $0["seen"] == "DUAL" && $0["count"] == 2 })
    // The sign-off reports have the section.
    let markdown = MarkdownReport.text(events.all, info: Self.info)
    #expect(markdown.contains("## Where the platform differs from the catalogue"))
    #expect(markdown.contains("| `device.imei` | mode | unknownValue | PSIM\\|ESIM\\|BOTH | DUAL | first |"))
    let html = HTMLReport.html(events.all, info: Self.info)
    #expect(html.contains("Where the platform differs from the catalogue"))
  }

  @Test func strictContractFailsTheRunOnAnyDifference() async throws {
    let events = EventLog()
    _ = try await Self.run(strict: true, clock: VirtualClock(), events: events)
    let failed = events.all.compactMap { event -> String? in
      if case .stepFinished(let step, .failed(let message), _, _) = event { return "\(step.label): \(message)" }
      return nil
    }
    #expect(failed.first?.contains("differs from the catalogue (--strict-contract)") == true, "\(failed)")
    #expect(failed.first?.contains("mode is DUAL") == true, "\(failed)")
  }

  static let info = RunInfo(
    file: "drift.yaml", sha256: "0", target: "fake", ranBy: "ops@host", startedAt: "2027-01-01T00:00:00Z",
    reachVersion: "test")

  static func run(strict: Bool, clock: VirtualClock, events: EventLog) async throws -> ContractDrift {
    let drift = ContractDrift()
    try await platform.serve(clock: clock) { client in
      var runner = PlaybookRunner(caller: client, clock: clock, source: .inMemory(["drift.yaml": Self.playbook]))
      runner.strictContract = strict
      runner.drift = drift
      let result = await runner.run(file: "drift.yaml", inputs: [:], events: events.sink)
      #expect((result.outcome == .passed) == !strict, "\(result.outcome)")
    }
    return drift
  }
}
