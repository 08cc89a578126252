import Foundation
public import Playbook
public import ReachCatalogue

/// A problem with the inputs given to a playbook; nothing is sent (exit 2).
public enum InputError: Error, Sendable, Hashable, CustomStringConvertible {
  case unknown(name: String, suggestion: String?, known: [String])
  case missing(name: String)
  case wrongType(name: String, expected: String, got: String)
  /// `reason`: why, as `InputError.why(cannotRead:)` tells it.
  case unreadableFile(name: String, path: String, reason: String)
  case badRow(name: String, path: String, line: Int, message: String)
  case malformedAssignment(String)
  /// The streaming pass found bad rows and `--on-bad-row` is `stop`: `first` holds up to ten
  /// `path:line: problem` lines.
  case badRows(name: String, count: Int, first: [String])

  /// The `--var` names that `playbook` does not declare, as the first problem: a usage error.
  public static func unknown(in given: [String: JSONValue], of playbook: Playbook) -> InputError? {
    let names = playbook.inputs.map(\.name)
    guard let name = given.keys.sorted().first(where: { !names.contains($0) }) else { return nil }
    return .unknown(name: name, suggestion: Similarity.nearest(to: name, among: names, limit: 1).first, known: names)
  }

  /// The input the problem is about, when it is one the playbook declares or is given.
  public var inputName: String? {
    switch self {
    case .unknown(let name, _, _), .missing(let name), .wrongType(let name, _, _), .unreadableFile(let name, _, _),
      .badRow(let name, _, _, _), .badRows(let name, _, _):
      return name
    case .malformedAssignment: return nil
    }
  }

  /// Why a file cannot be read: it does not exist, is a directory, or may not be read.
  public static func why(cannotRead path: String) -> String {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      return "there is no such file (relative paths start at \(FileManager.default.currentDirectoryPath))"
    }
    if isDirectory.boolValue { return "it is a directory, not a file" }
    if !FileManager.default.isReadableFile(atPath: path) { return "permission denied" }
    return "it could not be read"
  }

  public var description: String {
    switch self {
    case .unknown(let name, let suggestion, let known):
      // A --var the playbook does not declare has no place in the file: it is named as given.
      let hint = suggestion.map { " (did you mean '\($0)'?)" } ?? ""
      return "--var \(name)=…: unknown input '\(name)'\(hint); "
        + (known.isEmpty ? "the playbook has no inputs" : "the playbook's inputs are: " + known.joined(separator: ", "))
    case .missing(let name):
      return "missing required input '\(name)'; give it with --var \(name)=VALUE"
    case .wrongType(let name, let expected, let got):
      return "input '\(name)' must be \(expected), not \(got)"
    case .unreadableFile(let name, let path, let reason):
      return "input '\(name)': cannot read '\(path)': \(reason)"
    case .badRow(let name, let path, let line, let message):
      return "input '\(name)': \(path):\(line): \(message)"
    case .badRows(let name, let count, let first):
      return "input '\(name)': \(count) bad row\(count == 1 ? "" : "s"), nothing was sent:\n"
        + first.map { "  " + $0 }.joined(separator: "\n")
        + (count > first.count ? "\n  … and \(count - first.count) more" : "")
        + "\nfix the file, or run with --on-bad-row skip to run the good rows and report the bad ones"
    case .malformedAssignment(let text):
      return "'\(text)' is not an input assignment; write --var name=value"
    }
  }
}
