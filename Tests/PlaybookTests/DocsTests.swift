import Foundation
import Playbook
import Testing

/// Every complete example in docs/playbooks.md validates. A block that starts with
/// `# file: PATH` is available to the others under that path (for `use`).
@Suite struct DocsTests {
  static let docs = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("docs/playbooks.md")

  static func examples() throws -> [String: String] {
    let text = try String(contentsOf: docs, encoding: .utf8)
    var files: [String: String] = [:]
    var block: [Substring]? = nil
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line == "```yaml" {
        block = []
      } else if line == "```", let lines = block {
        block = nil
        let body = lines.joined(separator: "\n") + "\n"
        guard lines.contains(where: { $0.hasPrefix("name:") }) else { continue }
        if let first = lines.first, first.hasPrefix("# file: ") {
          files[String(first.dropFirst("# file: ".count))] = body
        } else {
          files["example-\(files.count + 1).yaml"] = body
        }
      } else {
        block?.append(line)
      }
    }
    return files
  }

  @Test func everyExampleValidates() throws {
    let files = try Self.examples()
    #expect(files.count == 12)
    let validator = PlaybookValidator(source: .inMemory(files))
    #expect(validator.validate(files: files.keys.sorted()).map(\.description) == [])
  }

  @Test func everyStepKindHasAnExample() throws {
    let kinds = try Self.examples().values.compactMap { PlaybookParser.parse($0, file: "x").playbook }
      .flatMap(\.allSteps).map(\.kind.keyword)
    #expect(
      Set(kinds) == [
        "call", "switch", "foreach", "use", "set", "fail", "log", "sleep", "customer", "wait_for", "check", "manual",
        "store",
      ])
  }
}
