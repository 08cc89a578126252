import Foundation
import Playbook
import PlaybookRunner
import ReachCatalogue
import ReachClient
import ReachEndpoints
import Synchronization
import Testing

/// `--dry-run` over a csv input: each row's calls, with its values and secrets redacted, planned
/// as the file is read; nothing is sent.
@Suite struct BulkDryRunTests {
  /// Sends nothing (a call is a test failure); redacts as the real client does.
  struct Redacting: EndpointCaller {
    func answer(_ endpointID: EndpointID, _ arguments: [String: JSONValue]) async throws(ReachClientError)
      -> EndpointAnswer
    {
      try await NeverCaller().answer(endpointID, arguments)
    }

    func redacted(_ value: JSONValue) -> JSONValue { Redactor().redact(value) }

    func customer(_ action: String, url: String, card: String?) async throws(ReachClientError)
      -> (status: Int, location: String?)
    {
      try await NeverCaller().customer(action, url: url, card: card)
    }
  }

  @Test func listsEachRowsCallsWithItsValuesRedactedAndBadLinesSkipped() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reach-dry-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let playbook = folder.appendingPathComponent("pins.yaml").path
    let csv = folder.appendingPathComponent("lines.csv").path
    try """
    name: Bulk PIN update
    inputs:
      lines:
        type: csv
        required: true
        columns: { customerId: required, pin: required }
    steps:
      - id: rows
        foreach: ${{ inputs.lines }}
        as: line
        concurrency: 4
        steps:
          - id: info
            call: customer.info
            with: { customerId: "${{ line.customerId }}" }
          - id: pin
            if: ${{ steps.info.response.status == 2 }}
            call: portin.update
            with: { customerId: "${{ line.customerId }}", password: "${{ line.pin }}", type: UPDATE_PIN }
    """.write(toFile: playbook, atomically: true, encoding: .utf8)
    let pins = (0..<2).map { _ in String(Int.random(in: 100_000...999_999)) }
    try "customerId,pin\nC1,\(pins[0])\nC2,\(pins[1])\nC3\n".write(toFile: csv, atomically: true, encoding: .utf8)

    var runner = PlaybookRunner(caller: Redacting())
    runner.onBadRow = .skip
    let lines = Mutex<[String]>([])
    let failure = runner.plan(file: playbook, inputs: ["lines": .string(csv)]) { entry in
      lines.withLock { $0.append(String(repeating: "  ", count: entry.depth) + entry.description) }
    }
    #expect(failure == nil)
    let pin = { (id: String) in
      "  pin: if ${{ steps.info.response.status == 2 }}: PUT /apisvc/v0/update/portin "
        + #"{"customerId":"\#(id)","password":"***","type":"UPDATE_PIN"} (portin.update)"#
    }
    #expect(
      lines.withLock { $0 } == [
        "rows: foreach line in 2 rows of \(csv), 4 at a time",
        "  info: GET /apisvc/v0/customerinfo?customerId=C1 (customer.info)", pin("C1"),
        "  info: GET /apisvc/v0/customerinfo?customerId=C2 (customer.info)", pin("C2"),
        "  row: skip this item: bad row: 1 columns, but the header has 2",
      ])
    // Refused bad lines stop a dry run as they stop the run.
    runner.onBadRow = .stop
    let refused = runner.plan(file: playbook, inputs: ["lines": .string(csv)]) { _ in }
    #expect(refused?.diagnostics.first?.message.contains("\(csv):4") == true, "\(String(describing: refused))")
  }

  /// A secret that a row or an input carries into a path or a query string (not only a body) is
  /// masked there too: a PIN or an account number passed as an id must not reach the listing.
  @Test func secretsInPathsAndQueryStringsAreMasked() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reach-dry-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let playbook = folder.appendingPathComponent("leaky.yaml").path
    let csv = folder.appendingPathComponent("lines.csv").path
    try """
    name: Secrets in paths
    inputs:
      lines:
        type: csv
        required: true
        columns: { customerId: required, password: required }
      pin: { type: string, required: true }
    steps:
      - id: order
        call: product.status
        with: { transactionId: "${{ inputs.pin }}" }
      - id: rows
        foreach: ${{ inputs.lines }}
        as: line
        steps:
          - id: info
            call: customer.info
            with: { customerId: "${{ line.customerId }}-${{ line.password }}" }
    """.write(toFile: playbook, atomically: true, encoding: .utf8)
    let pin = String(Int.random(in: 100_000...999_999))
    let passwords = (0..<2).map { _ in "pw" + String(Int.random(in: 100_000...999_999)) }
    try "customerId,password\nC1,\(passwords[0])\nC2,\(passwords[1])\n".write(
      toFile: csv, atomically: true, encoding: .utf8)

    let runner = PlaybookRunner(caller: Redacting())
    let lines = Mutex<[String]>([])
    let failure = runner.plan(file: playbook, inputs: ["lines": .string(csv), "pin": .string(pin)]) { entry in
      lines.withLock { $0.append(String(repeating: "  ", count: entry.depth) + entry.description) }
    }
    #expect(failure == nil)
    let listed = lines.withLock { $0 }
    #expect(
      listed == [
        "order: GET /apisvc/v0/product/status/*** (product.status)",
        "rows: foreach line in 2 rows of \(csv)",
        "  info: GET /apisvc/v0/customerinfo?customerId=C1-*** (customer.info)",
        "  info: GET /apisvc/v0/customerinfo?customerId=C2-*** (customer.info)",
      ])
    for secret in [pin] + passwords {
      #expect(!listed.joined().contains(secret))
    }
  }
}
