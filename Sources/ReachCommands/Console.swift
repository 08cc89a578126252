import Foundation

/// Where commands write: stdout for results, stderr for diagnostics.
enum Console {
  static func out(_ text: String) {
    FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
  }

  /// A compiler-style line (`FILE:LINE:COL: error: …`), unprefixed so editors can parse it.
  static func diagnostic(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
  }

  /// Whether stdout is a terminal that may be coloured (never with NO_COLOR set).
  static var colour: Bool {
    isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
  }

  static func error(_ text: String) {
    FileHandle.standardError.write(Data(("reach: " + text + "\n").utf8))
  }

  /// A line on stderr as is, for text a user copies (`export NAME=value`).
  static func note(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
  }
}
