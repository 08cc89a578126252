/// One problem in a playbook, printed as `FILE:LINE:COL: error: message` (or `warning:`).
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible, Comparable {
  /// An error makes the playbook invalid; a warning is printed and the playbook still runs.
  public enum Severity: String, Sendable, Hashable {
    case error, warning
  }

  public var location: SourceLocation
  public var message: String
  public var severity: Severity

  public init(_ location: SourceLocation, _ message: String, severity: Severity = .error) {
    self.location = location
    self.message = message
    self.severity = severity
  }

  public var isError: Bool { severity == .error }

  public var description: String { "\(location): \(severity.rawValue): \(message)" }

  public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
    (a.location.file, a.location.line, a.location.column, a.message)
      < (b.location.file, b.location.line, b.location.column, b.message)
  }
}

extension Array where Element == Diagnostic {
  /// The diagnostics that make a playbook invalid.
  public var errors: [Diagnostic] { filter(\.isError) }

  public var warnings: [Diagnostic] { filter { !$0.isError } }

  public var hasErrors: Bool { contains(where: \.isError) }
}
