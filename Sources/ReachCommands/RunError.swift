/// Why `reach run` cannot start or resume a run; nothing is sent (exit 2).
enum RunError: Error, CustomStringConvertible {
  case journal(path: String, message: String)
  case changedPlaybook(runId: String, path: String)
  case otherTarget(runId: String, target: String)
  /// The run was started with secret inputs that the journal keeps masked, and the resume does
  /// not give them again.
  case missingSecrets(runId: String, names: [String])
  /// `--resume` names a run the journal does not have.
  case unknownRun(runId: String, journal: String)
  /// `--resume` alone, and the playbook the journal names is not there.
  case missingPlaybook(runId: String, path: String)
  /// A `--var` given with `--resume` that is not the run's (`journaled`: its value; nil: the run
  /// had no such input).
  case otherInputs(runId: String, name: String, journaled: String?)

  var description: String {
    switch self {
    case .journal(let path, let message):
      return "cannot use the journal \(path): \(message); give another with --journal PATH"
    case .changedPlaybook(let id, let path):
      return "run \(id) ran another version of \(path); resume it with the playbook as it was, or start a new run"
    case .otherTarget(let id, let target):
      return "run \(id) ran against '\(target)'; resume it with --target \(target)"
    case .missingSecrets(let id, let names):
      let given = names.map { "--var \($0)=…" }.joined(separator: " ")
      return "run \(id) was started with the secret input\(names.count == 1 ? "" : "s") "
        + names.map { "'\($0)'" }.joined(separator: ", ")
        + ", which the journal keeps masked, never in the clear: give \(names.count == 1 ? "it" : "them") again (\(given))"
        + ", or set " + names.map { RunCommand.secretVariable($0) }.joined(separator: ", ")
    case .unknownRun(let id, let journal):
      return "the journal \(journal) has no run \(id) (reach runs list --journal \(journal) lists them)"
    case .missingPlaybook(let id, let path):
      return
        "run \(id) ran \(path), which is not there (a path as it was given, from the directory the run started in): "
        + "give the playbook too, reach run PLAYBOOK --resume \(id)"
    case .otherInputs(let id, let name, let journaled?):
      return "run \(id) was started with --var \(name)=\(journaled), and the resume gives another value: "
        + "resume with the run's inputs (leave --var out to take them from the journal), or start a new run"
    case .otherInputs(let id, let name, nil):
      return "run \(id) was started without --var \(name): "
        + "resume with the run's inputs (leave --var out to take them from the journal), or start a new run"
    }
  }
}
