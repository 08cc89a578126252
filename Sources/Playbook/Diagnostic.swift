/// One problem in a playbook, printed as `FILE:LINE:COL: error: message`.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible, Comparable {
  public var location: SourceLocation
  public var message: String

  public init(_ location: SourceLocation, _ message: String) {
    self.location = location
    self.message = message
  }

  public var description: String { "\(location): error: \(message)" }

  public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
    (a.location.file, a.location.line, a.location.column, a.message)
      < (b.location.file, b.location.line, b.location.column, b.message)
  }
}
