import Foundation
import Testing

/// A run that fails is reported failed everywhere, whatever made it fail; an expression that can
/// never be evaluated is refused before anything is sent.
@Suite struct FailedRunReportTests {
  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("failed-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Passes validation (a string may hold a number), then fails when `number()` meets the text.
  static let runtimeFailure = """
    name: A newcomer's playbook
    inputs:
      label: { type: string, default: three }
    steps:
      - id: zip
        call: zip.validate
        with: { zip: "10001" }
      - id: counted
        if: "${{ number(inputs.label) > 2 }}"
        log: more than two

    """

  @Test(.enabled(if: ShippedPlaybooksTests.binaryBuilt))
  func anEvaluationErrorIsAFailedStepInEveryReport() async throws {
    let directory = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let playbook = directory.appendingPathComponent("newcomer.yaml")
    try Self.runtimeFailure.write(to: playbook, atomically: true, encoding: .utf8)
    let path = { (name: String) in directory.appendingPathComponent(name).path }
    let result = try await ShippedPlaybooksTests.reach([
      "run", playbook.path, "--report", "json=\(path("r.jsonl"))", "--report", "junit=\(path("r.xml"))",
      "--report", "md=\(path("r.md"))", "--report", "html=\(path("r.html"))",
    ])
    #expect(result.status == 1, "\(result.output)\n\(result.errors)")
    #expect(result.output.contains("FAILED"))
    #expect(result.output.contains("1 passed, 1 failed"), "\(result.output)")
    #expect(result.output.contains("✘ counted"), "\(result.output)")
    #expect(result.output.contains("newcomer.yaml:9:"), "\(result.output)")

    let junit = try String(contentsOfFile: path("r.xml"), encoding: .utf8)
    #expect(junit.contains(#"tests="2" failures="1""#), "\(junit)")
    #expect(junit.contains(#"<testcase name="counted""#) && junit.contains("<failure message="))

    let json = try String(contentsOfFile: path("r.jsonl"), encoding: .utf8)
    let finished = json.split(separator: "\n").filter { $0.contains(#""event":"stepFinished""#) }
    #expect(finished.contains { $0.contains(#""step":"counted""#) && $0.contains(#""outcome":"failed""#) }, "\(json)")
    #expect(json.contains(#""event":"runFinished","exitCode":1"#))

    let markdown = try String(contentsOfFile: path("r.md"), encoding: .utf8)
    #expect(markdown.contains(": FAILED"), "\(markdown)")
    #expect(markdown.contains("| counted | ❌ **fail** |"), "\(markdown)")
    let html = try String(contentsOfFile: path("r.html"), encoding: .utf8)
    #expect(html.contains("FAILED"))
    #expect(html.contains("cannot evaluate"), "the failure's message is in the HTML report")
  }

  @Test(.enabled(if: ShippedPlaybooksTests.binaryBuilt))
  func aTypeErrorIsRefusedBeforeAnythingIsSent() async throws {
    let directory = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let playbook = directory.appendingPathComponent("typed.yaml")
    try """
    name: Typed
    inputs:
      count: { type: number, default: 3 }
    steps:
      - id: zip
        call: zip.validate
        with: { zip: "10001" }
      - if: "${{ inputs.count > 'three' }}"
        log: "${{ len(inputs.count) }} digits"

    """.write(to: playbook, atomically: true, encoding: .utf8)
    let validate = try await ShippedPlaybooksTests.reach(["validate", playbook.path])
    #expect(validate.status == 2)
    let text = validate.output + validate.errors
    #expect(
      text.contains(
        "typed.yaml:8:14: error: '${{ inputs.count > 'three' }}' cannot be evaluated: '>' compares two numbers or two strings, not a number (input 'count') and a string"
      ), "\(text)")
    #expect(
      text.contains(
        "typed.yaml:9:15: error: '${{ len(inputs.count) }}' cannot be evaluated: len(): takes a string, list or object, not a number (input 'count')"
      ), "\(text)")
    let run = try await ShippedPlaybooksTests.reach([
      "run", playbook.path, "--report", "json=\(directory.path)/r.jsonl",
    ])
    #expect(run.status == 2)
    let json = (try? String(contentsOfFile: "\(directory.path)/r.jsonl", encoding: .utf8)) ?? ""
    #expect(!json.contains("callAnswered"), "nothing was sent")
  }
}
