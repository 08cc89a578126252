import Foundation
import Playbook
import PlaybookRunner
import ReachCatalogue
import ReachClient
import RunJournal

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension RunCommand {
  /// The environment variable a resumed run's secret input is read from when `--var` does not
  /// give it again (ours: the journal never keeps a secret, so it must come from somewhere).
  static func secretVariable(_ name: String) -> String { "REACH_VAR_" + name }

  /// `--resume <run id>`: what the command line leaves out comes from the journal. The playbook
  /// is the run's (refused when the file changed since); each non-secret input is the run's, and
  /// one given again with `--var` must be the same; a secret input (journaled masked) comes from
  /// `--var`, else from `REACH_VAR_<name>`, else `ask` asks for it by name (nil: it stays
  /// missing, and the resume is refused naming it). The target is the run's unless given.
  mutating func resolve(
    resuming runId: String, environment: [String: String] = ProcessInfo.processInfo.environment,
    ask: (String) -> String? = RunCommand.askSecret
  ) throws(RunError) {
    guard FileManager.default.fileExists(atPath: journal) else {
      throw .unknownRun(runId: runId, journal: journal)
    }
    let record: RunRecord
    do {
      record = try RunJournal(path: journal).run(runId)
    } catch {
      if case JournalError.unknownRun = error { throw .unknownRun(runId: runId, journal: journal) }
      throw .journal(path: journal, message: "\(error)")
    }
    if playbookArgument == nil {
      guard FileManager.default.fileExists(atPath: record.playbookPath) else {
        throw .missingPlaybook(runId: runId, path: record.playbookPath)
      }
      playbookArgument = record.playbookPath
    }
    // Refused here, before anything starts (the journal's link checks it again).
    let text = (try? String(contentsOfFile: playbook, encoding: .utf8)) ?? ""
    guard record.playbookHash == JournalLink.hash(text) else {
      throw .changedPlaybook(runId: runId, path: record.playbookPath)
    }
    if targetOptions.target == nil, record.target != "sandbox" { targetOptions.target = record.target }
    // The reach.yaml of the directory the run started in, unless --config names one.
    if let directory = record.directory, targetOptions.config == TargetConfig.defaultFile,
      !directory.isEmpty, directory != FileManager.default.currentDirectoryPath
    {
      let started = RunSession.absolute(TargetConfig.defaultFile, in: directory)
      if FileManager.default.fileExists(atPath: started) { targetOptions.config = started }
    }
    // A malformed --var is reported by the run itself.
    let given = (try? InputResolver.assignments(vars)) ?? [:]
    // The playbook's secret inputs are never taken from the journal, even one an older journal
    // kept in the clear.
    let secretInputs = Set(
      PlaybookSource.fileSystem.load(playbook)?.playbook?.inputs.filter(\.isSecret).map(\.name) ?? [])
    guard case .object(let journaled) = (try? JSONParser.parse(record.inputs)) ?? .object([:]) else { return }
    for name in given.keys.sorted() where journaled[name] == nil {
      throw .otherInputs(runId: runId, name: name, journaled: nil)
    }
    for name in journaled.keys.sorted() {
      let value = journaled[name]!
      let text = value.stringValue ?? value.jsonText()
      // Masked, whole or in part: the journal does not have it.
      let secret = text.contains(SensitiveFields.mask) || (secretInputs.contains(name) && !value.isNull)
      if let mine = given[name] {
        if !secret, mine != value { throw .otherInputs(runId: runId, name: name, journaled: text) }
      } else if secret {
        if let found = environment[Self.secretVariable(name)], !found.isEmpty {
          fetchedInputs[name] = .string(found)
        } else if let found = ask("secret input '\(name)' of run \(runId) (never kept in the journal): ") {
          fetchedInputs[name] = .string(found)
        }
      } else {
        vars.append(name + "=" + text)
      }
    }
  }

  /// Asks for a secret on the terminal, not echoed; nil when standard input is not a terminal
  /// or the answer is empty.
  static func askSecret(_ prompt: String) -> String? {
    guard isatty(STDIN_FILENO) == 1 else { return nil }
    FileHandle.standardError.write(Data(prompt.utf8))
    var saved = termios()
    let restore = tcgetattr(STDIN_FILENO, &saved) == 0
    if restore {
      var quiet = saved
      quiet.c_lflag &= ~tcflag_t(ECHO)
      tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
    }
    defer {
      if restore { tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved) }
      FileHandle.standardError.write(Data("\n".utf8))
    }
    guard let line = readLine(strippingNewline: true), !line.isEmpty else { return nil }
    return line
  }
}
