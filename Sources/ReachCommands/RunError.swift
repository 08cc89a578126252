/// Why `reach run` cannot start or resume a run; nothing is sent (exit 2).
enum RunError: Error, CustomStringConvertible {
  case journal(path: String, message: String)
  case changedPlaybook(runId: String, path: String)
  case otherTarget(runId: String, target: String)
  /// The run was started with secret inputs that the journal keeps masked, and the resume does
  /// not give them again.
  case missingSecrets(runId: String, names: [String])

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
    }
  }
}
