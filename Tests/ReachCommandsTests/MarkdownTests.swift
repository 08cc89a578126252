import Foundation
import Testing

/// README.md and docs/*.md render as written: every code fence closes (by CommonMark's rules, so
/// a line of inline code is not taken for a fence) and every relative link names a file that exists.
@Suite struct MarkdownTests {
  static let root = CommandsTests.repoRoot

  static var documents: [String] {
    let docs = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("docs").path)) ?? []
    return ["README.md"] + docs.filter { $0.hasSuffix(".md") }.sorted().map { "docs/\($0)" }
  }

  /// A fence line: its character, its length and what follows (CommonMark 4.5).
  static func fence(_ line: Substring) -> (char: Character, count: Int, info: Substring)? {
    let indent = line.prefix { $0 == " " }.count
    guard indent <= 3 else { return nil }
    let rest = line.dropFirst(indent)
    guard let char = rest.first, char == "`" || char == "~" else { return nil }
    let count = rest.prefix { $0 == char }.count
    guard count >= 3 else { return nil }
    return (char, count, rest.dropFirst(count))
  }

  /// Each problem as `FILE:LINE: message`.
  static func problems(in text: String, file: String) -> [String] {
    var problems: [String] = []
    var open: (char: Character, count: Int, line: Int)?
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let number = index + 1
      guard let fence = fence(line) else { continue }
      if let current = open {
        let closes =
          fence.char == current.char && fence.count >= current.count
          && fence.info.allSatisfy { $0 == " " || $0 == "\t" }
        if closes {
          open = nil
        } else if fence.char == current.char {
          problems.append(
            "\(file):\(number): a fence line with text after it does not close the block of line \(current.line)")
        }
      } else if fence.char == "`" && fence.info.contains("`") {
        problems.append("\(file):\(number): an info string with a backtick: not a fence, but it reads like one")
      } else {
        open = (fence.char, fence.count, number)
      }
    }
    if let open { problems.append("\(file):\(open.line): the code block opened here is never closed") }
    return problems
  }

  /// Relative link targets, outside code blocks and code spans.
  static func relativeLinks(in text: String) -> [String] {
    var links: [String] = []
    var inFence = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if fence(line) != nil {
        inFence.toggle()
        continue
      }
      if inFence { continue }
      // Code spans hold no links.
      let prose = line.split(separator: "`", omittingEmptySubsequences: false).enumerated()
        .filter { $0.offset % 2 == 0 }.map(\.element).joined(separator: " ")
      var rest = Substring(prose)
      while let open = rest.range(of: "](") {
        let after = rest[open.upperBound...]
        guard let close = after.firstIndex(of: ")") else { break }
        let target = String(after[..<close]).split(separator: " ").first.map(String.init) ?? ""
        rest = after[close...]
        if target.isEmpty || target.hasPrefix("#") || target.contains("://") || target.hasPrefix("mailto:") { continue }
        links.append(String(target.split(separator: "#").first ?? ""))
      }
    }
    return links
  }

  @Test(arguments: documents)
  func fencesCloseAndLinksResolve(_ document: String) throws {
    let url = Self.root.appendingPathComponent(document)
    let text = try String(contentsOf: url, encoding: .utf8)
    #expect(Self.problems(in: text, file: document) == [])
    for link in Self.relativeLinks(in: text) {
      let target = url.deletingLastPathComponent().appendingPathComponent(link).standardizedFileURL.path
      #expect(FileManager.default.fileExists(atPath: target), "\(document) links to \(link), which does not exist")
    }
  }

  /// The checks find what issue #19 found: a line of inline code after a fence, taken as one.
  @Test func theChecksFindAnUnclosedBlock() {
    let text = "a\n\n```yaml\nx: 1\n``` `--max-rows N`\nrefuses\n\n## Next\n"
    #expect(
      Self.problems(in: text, file: "R.md") == [
        "R.md:5: a fence line with text after it does not close the block of line 3",
        "R.md:3: the code block opened here is never closed",
      ])
    #expect(Self.relativeLinks(in: "see [a](docs/a.md#x), [b](https://x.y) and `[c](d.md)`") == ["docs/a.md"])
  }
}
