import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Hostile playbook files through the built `reach` (issue #20): each is refused with exit 2 and a
/// `file:line:col:` position by a process whose peak memory stays under 100 MB. The memory is that
/// process's own, as `getrusage(RUSAGE_CHILDREN)` gives it for one child (see `measure`); how long
/// each takes is measured by benchmarks/hostile.sh, not here.
@Suite(.serialized) struct HostileFileTests {
  struct Outcome {
    var status: Int32
    /// What the process wrote to stderr (the diagnostics).
    var errors: String
    /// The process's peak resident memory, in bytes.
    var peakBytes: Int
  }

  static let binary = ShippedPlaybooksTests.binary
  static let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }
  static var canMeasure: Bool { ShippedPlaybooksTests.binaryBuilt && python != nil }
  static let megabytes100 = 100 * 1024 * 1024

  /// Runs `reach` and reports its exit status and peak memory. Linux counts in a process's peak
  /// the memory of whatever called exec in it: a child spawned by this test process (hundreds of
  /// MB while the whole suite runs) would report this process's peak, not its own. So a small
  /// Python forks the child, execs `reach` in it, and reports `wait4`'s figures for that child
  /// alone (`ru_maxrss`, what `getrusage(RUSAGE_CHILDREN)` gives once it is reaped).
  static let measure = """
    import os, sys
    pid = os.fork()
    if pid == 0:
        null = os.open("/dev/null", os.O_RDWR)
        errors = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(null, 0)
        os.dup2(null, 1)
        os.dup2(errors, 2)
        os.execve(sys.argv[2], sys.argv[2:], {"NO_COLOR": "1", "PATH": "/usr/bin:/bin"})
    _, status, usage = os.wait4(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    print(code if code >= 0 else 128 - code, usage.ru_maxrss)
    """

  /// Runs `reach` with `arguments`, its stderr to a file in `directory`, through `measure`.
  static func reach(_ arguments: [String], in directory: URL) async throws -> Outcome {
    try await ShippedPlaybooksTests.blocking { try reachBlocking(arguments, in: directory) }
  }

  static func reachBlocking(_ arguments: [String], in directory: URL) throws -> Outcome {
    let errorsPath = directory.appendingPathComponent("stderr").path
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(python))
    process.arguments = ["-c", measure, errorsPath, binary.path] + arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let report = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let figures = report.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
    try #require(process.terminationStatus == 0 && figures.count == 2, "measure reported '\(report)'")
    let errors = try String(contentsOfFile: errorsPath, encoding: .utf8)
    // Linux reports ru_maxrss in kilobytes, Darwin in bytes.
    #if canImport(Darwin)
      let peak = figures[1]
    #else
      let peak = figures[1] * 1024
    #endif
    return Outcome(status: Int32(figures[0]), errors: errors, peakBytes: peak)
  }

  /// The files, written under a fresh directory: name → text.
  static func files() -> [String: String] {
    var files: [String: String] = [:]
    let deep = 100_000
    files["nested.yaml"] =
      "name: x\nvars: {a: 1}\nsteps:\n  - log: \"${{ " + String(repeating: "(", count: deep) + "1"
      + String(repeating: ")", count: deep) + " }}\"\n"
    for levels in [5, 9] {
      var lines = ["  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
      for level in 1...levels {
        let aliases = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
        lines.append("  a\(level): &a\(level) [\(aliases)]")
      }
      files["laughs-\(levels)x10.yaml"] = "name: x\nvars:\n" + lines.joined(separator: "\n") + "\nsteps:\n  - log: hi\n"
    }
    files["string-5MB.yaml"] = "name: x\nsteps:\n  - log: \"" + String(repeating: "a", count: 5_000_000) + "\"\n"
    // A chain of 5,000 files, each using the next once.
    for index in 0..<5_000 {
      let step = index < 4_999 ? "  - use: chain\(index + 1).yaml\n" : "  - log: end\n"
      files["chain\(index).yaml"] = "name: c\(index)\nsteps:\n" + step
    }
    // A diamond: nine files, each using the next ten times (10^8 steps expanded).
    for index in 0..<9 {
      let step = index < 8 ? "  - use: diamond\(index + 1).yaml\n" : "  - log: hi\n"
      files["diamond\(index).yaml"] = "name: d\(index)\nsteps:\n" + String(repeating: step, count: 10)
    }
    return files
  }

  /// The hostile file, and where `reach validate` refuses it.
  static let cases: [(file: String, refusedAt: String)] = [
    ("nested.yaml", "nested.yaml:4:15: error: "),
    ("laughs-5x10.yaml", "laughs-5x10.yaml:3:12: error: "),
    ("laughs-9x10.yaml", "laughs-9x10.yaml:3:12: error: "),
    ("string-5MB.yaml", "string-5MB.yaml:1:1: error: "),
    ("chain0.yaml", "chain32.yaml:3:10: error: "),
    ("diamond0.yaml", "diamond5.yaml:12:5: error: "),
  ]

  /// Writes `files` under a fresh directory (plain POSIX writes: thousands of files take
  /// milliseconds), calls `body` with it, then removes them.
  static func withFiles(_ files: [String: String], _ body: (URL) async throws -> Void) async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer {
      for name in files.keys { unlink(directory.appendingPathComponent(name).path) }
      try? FileManager.default.removeItem(at: directory)
    }
    for (name, text) in files {
      let descriptor = open(directory.appendingPathComponent(name).path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
      guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
      defer { close(descriptor) }
      let bytes = Array(text.utf8)
      let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
      guard written == bytes.count else { throw POSIXError(.EIO) }
    }
    try await body(directory)
  }

  @Test(.enabled(if: canMeasure)) func validateRefusesEachWithItsPositionInLittleMemory() async throws {
    try await Self.withFiles(Self.files()) { directory in
      for (file, refusedAt) in Self.cases {
        let outcome = try await Self.reach(["validate", directory.appendingPathComponent(file).path], in: directory)
        #expect(outcome.status == 2, "\(file): \(outcome.errors.prefix(300))")
        #expect(outcome.errors.hasPrefix(directory.path + "/" + refusedAt), "\(file): \(outcome.errors.prefix(300))")
        #expect(outcome.peakBytes > 0)
        #expect(outcome.peakBytes < Self.megabytes100, "\(file): \(outcome.peakBytes / 1_048_576) MB")
      }
    }
  }

  /// The diamond is refused by `reach run --dry-run` as by validate, before a step is planned.
  @Test(.enabled(if: canMeasure)) func dryRunRefusesTheDiamondBeforePlanning() async throws {
    try await Self.withFiles(Self.files().filter { $0.key.hasPrefix("diamond") }) { directory in
      let outcome = try await Self.reach(
        ["run", "--dry-run", directory.appendingPathComponent("diamond0.yaml").path], in: directory)
      #expect(outcome.status == 2)
      #expect(
        outcome.errors.hasPrefix(
          directory.path + "/diamond5.yaml:12:5: error: with the files it uses, " + directory.path
            + "/diamond5.yaml passes 10000 steps"), "\(outcome.errors.prefix(300))")
      #expect(outcome.peakBytes < Self.megabytes100, "\(outcome.peakBytes / 1_048_576) MB")
    }
  }
}
