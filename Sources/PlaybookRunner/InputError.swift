/// A problem with the inputs given to a playbook; nothing is sent (exit 2).
public enum InputError: Error, Sendable, Hashable, CustomStringConvertible {
  case unknown(name: String, suggestion: String?, known: [String])
  case missing(name: String)
  case wrongType(name: String, expected: String, got: String)
  case unreadableFile(name: String, path: String)
  case badRow(name: String, path: String, line: Int, message: String)
  case malformedAssignment(String)

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
    case .malformedAssignment(let text):
      return "'\(text)' is not an input assignment; write --var name=value"
    }
  }
}
