/// One problem with one argument of a call.
public struct ArgumentIssue: Sendable, Hashable, CustomStringConvertible {
  /// An error refuses the call. A warning names a value outside what this project assumed (an enum
  /// the guide does not list): the platform may accept it, so it is sent unless the contract is strict.
  public enum Severity: String, Sendable, Hashable {
    case error, warning
  }

  public var field: String
  public var message: String
  public var severity: Severity

  public init(field: String, message: String, severity: Severity = .error) {
    self.field = field
    self.message = message
    self.severity = severity
  }

  public var isWarning: Bool { severity == .warning }

  public var description: String { "'\(field)' \(message)" }
}

extension Array where Element == ArgumentIssue {
  /// The issues that refuse the call: every one when the contract is strict, else the errors.
  public func refusing(strict: Bool) -> [ArgumentIssue] {
    strict ? self : filter { !$0.isWarning }
  }
}

/// Every problem with the arguments of one call.
public struct ArgumentIssues: Error, Sendable, CustomStringConvertible {
  public var endpointID: String
  public var issues: [ArgumentIssue]

  public init(endpointID: String, issues: [ArgumentIssue]) {
    self.endpointID = endpointID
    self.issues = issues
  }

  public var description: String {
    "invalid arguments for '\(endpointID)': " + issues.map(\.description).joined(separator: "; ")
  }
}
