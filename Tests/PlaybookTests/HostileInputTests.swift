import Playbook
import Testing

/// No playbook file, however hostile, crashes the validator, hangs it or exhausts its memory: each
/// is refused with a position (the figures of time and memory are in benchmarks/hostile.sh).
@Suite struct HostileInputTests {
  static func validate(_ text: String) -> [String] {
    PlaybookValidator(source: .inMemory(["h.yaml": text])).validate(file: "h.yaml").map(\.description)
  }

  static func logging(_ expression: String) -> String {
    "name: x\nvars: {a: 1}\nsteps:\n  - log: \"${{ \(expression) }}\"\n"
  }

  static let depth = PlaybookLimits.expressionDepth

  @Test(arguments: [
    String(repeating: "(", count: depth + 1) + "1" + String(repeating: ")", count: depth + 1),
    String(repeating: "[", count: depth + 1) + "1" + String(repeating: "]", count: depth + 1),
    String(repeating: "!", count: depth + 1) + "1",
    "vars" + String(repeating: ".a", count: depth + 1),
    "vars.a" + String(repeating: "[0]", count: depth + 1),
    "1" + String(repeating: " == 1", count: depth + 1),
    String(repeating: "len(", count: depth + 1) + "'x'" + String(repeating: ")", count: depth + 1),
  ])
  func expressionsNestedBeyondTheLimitAreRefused(_ expression: String) {
    let problems = Self.validate(Self.logging(expression))
    #expect(problems.count == 1)
    #expect(problems.first?.hasPrefix("h.yaml:4:") == true, "\(problems)")
    #expect(
      problems.first?.hasSuffix("the expression nests deeper than 256 levels; split it with vars or set steps") == true)
  }

  @Test func expressionsWithinTheLimitAreAccepted() {
    let nested = String(repeating: "(", count: 100) + "vars.a" + String(repeating: ")", count: 100)
    #expect(Self.validate(Self.logging(nested)).isEmpty)
    let text = "name: x\nvars: {o: {}}\nsteps:\n  - log: \"${{ vars.o" + String(repeating: ".a", count: 200) + " }}\"\n"
    #expect(Self.validate(text).isEmpty)
  }

  /// Nested as deep as a stack would never hold: refused by its length, before it is parsed.
  @Test func aHundredThousandLevelsAreRefusedByLength() {
    for expression in [
      String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000),
      String(repeating: "!", count: 100_000) + "1",
      "vars" + String(repeating: ".a", count: 100_000),
    ] {
      let problems = Self.validate(Self.logging(expression))
      #expect(problems.count == 1)
      #expect(problems.first?.hasPrefix("h.yaml:4:15: error: invalid expression '${{ ") == true)
      #expect(problems.first?.contains("characters; one may have at most 10000") == true, "\(problems)")
    }
  }

  /// Aliases of aliases (a "billion laughs"): refused where the budget of values runs out,
  /// however many values the aliases stand for.
  @Test(arguments: [5, 9])
  func aliasBombsAreRefused(levels: Int) {
    var lines = ["  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in 1...levels {
      let aliases = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
      lines.append("  a\(level): &a\(level) [\(aliases)]")
    }
    let text = "name: x\nvars:\n" + lines.joined(separator: "\n") + "\nsteps:\n  - log: hi\n"
    let problems = Self.validate(text)
    #expect(problems.count == 1)
    #expect(
      problems.first?.contains(
        "error: the playbook expands to more than 100000 YAML values, aliases counted as what they stand for") == true,
      "\(problems)")
  }

  @Test func aFewAliasesAreFine() {
    let text = "name: x\nvars:\n  a: &x [1, 2]\n  b: *x\nsteps:\n  - log: \"${{ len(vars.b) }}\"\n"
    #expect(Self.validate(text).isEmpty)
  }

  @Test func filesOverTheSizeLimitAreRefusedUnread() {
    let text = "name: x\nsteps:\n  - log: \"" + String(repeating: "a", count: PlaybookLimits.fileBytes) + "\"\n"
    #expect(
      Self.validate(text) == [
        "h.yaml:1:1: error: the file has \(text.utf8.count) bytes; a playbook may have at most 1048576 (1 MiB)"
      ])
  }

  /// A string of most of a megabyte with expressions in it is read in one pass.
  @Test func longStringsWithManyExpressionsAreRead() {
    let text = "name: x\nsteps:\n  - log: \"" + String(repeating: "${{ 1 }} ", count: 50_000) + "\"\n"
    #expect(Self.validate(text).isEmpty)
  }

  @Test func expressionsOverTheLengthLimitAreRefused() {
    let long = "'" + String(repeating: "a", count: PlaybookLimits.expressionCharacters) + "'"
    let problems = Self.validate(Self.logging(long))
    #expect(problems.first?.hasSuffix("the expression has 10002 characters; one may have at most 10000") == true)
  }

  /// Files `f0.yaml` … that each use the next `uses` times; the last logs `uses` times.
  static func usingFiles(_ count: Int, uses: Int) -> [String: String] {
    var files: [String: String] = [:]
    for index in 0..<count {
      let step = index < count - 1 ? "  - use: f\(index + 1).yaml\n" : "  - log: end\n"
      files["f\(index).yaml"] = "name: f\(index)\nsteps:\n" + String(repeating: step, count: uses)
    }
    return files
  }

  static func validate(_ files: [String: String]) -> [String] {
    PlaybookValidator(source: .inMemory(files)).validate(file: "f0.yaml").map(\.description)
  }

  /// A chain of `use` files longer than a stack would hold is refused at the first `use` past the
  /// limit, and files used as deep as the limit are fine.
  @Test func useNestedBeyondTheLimitIsRefusedWhereItStands() {
    let depth = PlaybookLimits.useDepth
    #expect(Self.validate(Self.usingFiles(depth + 1, uses: 1)).isEmpty)
    #expect(
      Self.validate(Self.usingFiles(5_000, uses: 1)) == [
        "f\(depth).yaml:3:10: error: the use step at line 3 uses 'f\(depth + 1).yaml' 33 files deep; `use` may "
          + "nest at most 32 files deep"
      ])
  }

  /// Files that each use the next ten times (10^8 steps in nine files) are refused in the
  /// innermost file that passes the budget, at the step where it does; fewer are fine.
  @Test func useExpandingBeyondTheStepBudgetIsRefused() {
    #expect(Self.validate(Self.usingFiles(4, uses: 9)).isEmpty)  // 7,380 steps
    let problems = Self.validate(Self.usingFiles(9, uses: 10))
    #expect(
      problems == [
        "f5.yaml:12:5: error: with the files it uses, f5.yaml passes 10000 steps at the use step at line 12 (each "
          + "`use` counts the steps of the file it uses); a playbook may expand to at most 10000 steps: use files "
          + "fewer times over, or loop with foreach"
      ])
  }

  /// A cycle is refused once, as a cycle, and does not make the count loop.
  @Test func aUseCycleIsCountedOnce() {
    let files = ["f0.yaml": "name: a\nsteps:\n  - use: f1.yaml\n", "f1.yaml": "name: b\nsteps:\n  - use: f0.yaml\n"]
    #expect(
      Self.validate(files) == [
        "f1.yaml:3:10: error: the use step at line 3 makes a use cycle: f0.yaml → f1.yaml → f0.yaml"
      ])
  }
}
