/// A problem with the inputs given to a playbook; nothing is sent (exit 2).
public enum InputError: Error, Sendable, Hashable, CustomStringConvertible {
  case unknown(name: String, suggestion: String?, known: [String])
  case missing(name: String)
  case wrongType(name: String, expected: String, got: String)
  case unreadableFile(name: String, path: String)
  case badRow(name: String, path: String, line: Int, message: String)
  case malformedAssignment(String)
  /// The streaming pass found bad rows and `--on-bad-row` is `stop`: `first` holds up to ten
  /// `path:line: problem` lines.
  case badRows(name: String, count: Int, first: [String])

  public var description: String {
    switch self {
    case .unknown(let name, let suggestion, let known):
      let hint = suggestion.map { " (did you mean '\($0)'?)" } ?? ""
      return
        "unknown input '\(name)'\(hint); the playbook takes: \(known.isEmpty ? "no inputs" : known.joined(separator: ", "))"
    case .missing(let name):
      return "missing required input '\(name)'; give it with --var \(name)=VALUE"
    case .wrongType(let name, let expected, let got):
      return "input '\(name)' must be \(expected), not \(got)"
    case .unreadableFile(let name, let path):
      return "input '\(name)': cannot read '\(path)'"
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
