/// One problem with one argument of a call.
public struct ArgumentIssue: Sendable, Hashable, CustomStringConvertible {
  public var field: String
  public var message: String

  public init(field: String, message: String) {
    self.field = field
    self.message = message
  }

  public var description: String { "'\(field)' \(message)" }
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
