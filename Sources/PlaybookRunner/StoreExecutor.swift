import Dispatch
import Foundation
import Playbook
import ReachCatalogue

/// `store`: hands the values, as one JSON object, to a new file of mode 0600, to a command's
/// stdin, and (when asked, on a terminal) to the terminal once. The values are registered with
/// the run's masker first, so no output, report or journal shows them; what the step leaves
/// under `steps.<id>` says where they went (`stored`, `file`), never what they are.
struct StoreExecutor: Sendable {
  let context: RunContext

  func run(_ step: StoreStep, _ state: RunState) async throws(StepFailure) -> StepExecutor.StepResult {
    var values: [String: JSONValue] = [:]
    var file: String?
    var command: String?
    var show = false
    do throws(ExpressionError) {
      let environment = state.environment(context)
      for entry in step.values { values[entry.key] = try entry.value.evaluate(in: environment) }
      if let template = step.file { file = Self.text(try template.evaluate(in: environment)) }
      if let template = step.command { command = Self.text(try template.evaluate(in: environment)) }
      if let template = step.show { show = try template.evaluate(in: environment).isTruthy }
    } catch {
      throw StepFailure.from(error)
    }
    for value in values.values { context.masker.register(value) }
    let missing = values.filter { $0.value.isNull }.keys.sorted()
    guard missing.isEmpty else {
      throw .failed("nothing to store: \(missing.joined(separator: ", ")) \(missing.count == 1 ? "is" : "are") null")
    }
    let text = JSONValue.object(values).jsonText(pretty: true) + "\n"
    var stored: [JSONValue] = []
    var problems: [String] = []
    if let file {
      do {
        try PrivateFile.writeNew(Data(text.utf8), to: file)
        stored.append("file")
      } catch {
        let exists = FileManager.default.fileExists(atPath: file)
        problems.append(
          exists
            ? "\(file) exists, and is never written over: give a new path"
            : "cannot create \(file): \(context.redact(error.localizedDescription))")
      }
    }
    if let command {
      switch await Self.run(command, input: Data(text.utf8)) {
      case .success(let (status, _)) where status == 0:
        stored.append("command")
      case .success(let (status, output)):
        let said = context.redact(output.trimmingCharacters(in: .whitespacesAndNewlines))
        problems.append("the command exited with status \(status)" + (said.isEmpty ? "" : ": \(said)"))
      case .failure(let error):
        problems.append("cannot start the command: \(context.redact("\(error)"))")
      }
    }
    if show {
      if let display = context.showSecrets {
        display(text)
        stored.append("terminal")
      } else {
        problems.append("not shown: stdout is not a terminal")
      }
    }
    let places = stored.compactMap(\.stringValue).joined(separator: ", ")
    guard problems.isEmpty else {
      let names = values.keys.sorted().joined(separator: ", ")
      throw .failed(
        (stored.isEmpty ? "\(names) kept nowhere: " : "\(names) stored to \(places) only: ")
          + problems.joined(separator: "; "))
    }
    guard !stored.isEmpty else {
      throw .failed("\(values.keys.sorted().joined(separator: ", ")) kept nowhere: every destination is null")
    }
    return StepExecutor.StepResult(
      value: ["stored": .array(stored), "file": file.map(JSONValue.string) ?? .null],
      extracted: ["stored": .string(places)])
  }

  /// A destination's text; null (not given) is none.
  static func text(_ value: JSONValue) -> String? {
    value.isNull ? nil : value.interpolated
  }

  /// Runs `command` with `sh -c`, `input` on its stdin; its status and what it wrote to stdout
  /// and stderr. Blocking work is done off the run's threads.
  static func run(_ command: String, input: Data) async -> Result<(Int32, String), any Error> {
    await withCheckedContinuation { continuation in
      DispatchQueue.global().async {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let stdin = Pipe()
        let output = Pipe()
        process.standardInput = stdin
        process.standardOutput = output
        process.standardError = output
        // A command that exits without reading its stdin must not kill reach (SIGPIPE).
        signal(SIGPIPE, SIG_IGN)
        do {
          try process.run()
        } catch {
          continuation.resume(returning: .failure(error))
          return
        }
        try? stdin.fileHandleForWriting.write(contentsOf: input)
        try? stdin.fileHandleForWriting.close()
        let said = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        continuation.resume(returning: .success((process.terminationStatus, String(decoding: said, as: UTF8.self))))
      }
    }
  }
}
