import Foundation
import ReachCatalogue
import RunJournal

/// Command lines that run a playbook again: the one that continues an interrupted run (`short`:
/// `reach run --resume <id>`, the playbook, inputs and target coming from the journal), printed
/// by `reach run` when a run stops and by `reach runs show`; and the full form (`text`), the
/// playbook and its `--var` inputs (a secret one as `***`), which runs the failed rows again.
enum ResumeCommand {
  /// `name=value` from a `--var` argument, its value masked when the name is named like a
  /// sensitive field.
  static func assignment(_ argument: String) -> (name: String, value: String) {
    assignment(argument, secret: [])
  }

  /// `name=value` from a `--var` argument, its value masked (whatever its length) when the name
  /// is named like a sensitive field (`correctedPin`) or is one of `secret`, the playbook's
  /// secret inputs.
  static func assignment(_ argument: String, secret: Set<String>) -> (name: String, value: String) {
    guard let equals = argument.firstIndex(of: "=") else { return (argument, "") }
    let name = String(argument[..<equals])
    let value = String(argument[argument.index(after: equals)...])
    let masked = SensitiveFields.isSensitiveLike(name) || secret.contains(name)
    return (name, masked ? SensitiveFields.mask : value)
  }

  /// The `--var` assignments of a journaled run's inputs (masked when written), by name.
  static func assignments(journaled inputs: JSONValue) -> [(name: String, value: String)] {
    guard case .object(let object) = inputs else { return [] }
    return object.keys.sorted().map { name in
      let value = object[name]!
      return (name, value.stringValue ?? value.jsonText())
    }
  }

  /// `reach run --resume <id>`, with `--journal` when it is not the default and `options` (what
  /// the journal does not keep: the pace, `--yes`).
  static func short(journal: String, options: [String] = [], runId: String) -> String {
    var words = ["reach", "run"]
    if journal != RunJournal.defaultPath { words += ["--journal", quoted(journal)] }
    words += options.map(quoted)
    words += ["--resume", quoted(runId)]
    return words.joined(separator: " ")
  }

  /// What to say beside a resume command of a run with secret inputs, which the journal never
  /// keeps.
  static let secretsNote =
    "(the journal keeps no secret input: the resume reads each from --var, REACH_VAR_<name>, or asks for it)"

  static func text(
    playbook: String, vars: [(name: String, value: String)], target: String?, journal: String,
    options: [String] = [], runId: String?
  ) -> String {
    var words = ["reach", "run", quoted(playbook)]
    for (name, value) in vars { words += ["--var", quoted(name + "=" + value)] }
    // `sandbox` (or none) is the embedded sandbox: the default.
    if let target, target != "sandbox" { words += ["--target", quoted(target)] }
    if journal != RunJournal.defaultPath { words += ["--journal", quoted(journal)] }
    words += options.map(quoted)
    if let runId { words += ["--resume", quoted(runId)] }
    return words.joined(separator: " ")
  }

  /// The inputs a journaled run was given that are secret (one of `secret`, the playbook's secret
  /// inputs, or kept masked: `***`, a card's `***1234`, a secret masked inside a longer value) and
  /// that `given` (the resume's `--var`) does not give again, by name. A secret input is asked for
  /// again even if an older journal kept it in the clear: it is never reused from the journal.
  static func missingSecrets(
    journaled inputs: JSONValue, given: [String: JSONValue], secret: Set<String> = []
  ) -> [String] {
    guard case .object(let object) = inputs else { return [] }
    return assignments(journaled: inputs).filter { name, value in
      guard given[name] == nil, object[name]?.isNull == false else { return false }
      return secret.contains(name) || value.contains(SensitiveFields.mask)
    }.map(\.name)
  }

  /// Whether a command line shows a masked secret, to say so beside it.
  static func masksSecret(_ vars: [(name: String, value: String)]) -> Bool {
    vars.contains { $0.value.hasPrefix(SensitiveFields.mask) }
  }

  /// A word the shell reads back as is: quoted when it holds anything but plain characters.
  static func quoted(_ word: String) -> String {
    let plain = word.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_./:=@,+%".contains($0)) }
    if plain && !word.isEmpty { return word }
    return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
