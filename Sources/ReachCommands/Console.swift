import Foundation
import ReachCatalogue

/// Where commands write: stdout for results, stderr for diagnostics. Everything goes through the
/// process's one secret masker: a command registers the secrets it learns there (the client, the
/// runner and the journal of `reach run` share it), so no channel prints one.
enum Console {
  /// The masker of this process (one `reach` command, one run).
  static let masker = SecretMasker()

  static func out(_ text: String) {
    let text = masker.mask(text)
    FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
  }

  /// A compiler-style line (`FILE:LINE:COL: error: …`), unprefixed so editors can parse it.
  static func diagnostic(_ text: String) {
    FileHandle.standardError.write(Data((masker.mask(text) + "\n").utf8))
  }

  /// Whether stdout is a terminal that may be coloured (never with NO_COLOR set).
  static var colour: Bool {
    isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
  }

  static func error(_ text: String) {
    FileHandle.standardError.write(Data(("reach: " + masker.mask(text) + "\n").utf8))
  }

  /// A line on stderr as is, for text a user copies (`export NAME=value`).
  static func note(_ text: String) {
    FileHandle.standardError.write(Data((masker.mask(text) + "\n").utf8))
  }

  /// Bytes for stderr (a progress line), masked like every other line.
  static func stderr(_ text: String) {
    FileHandle.standardError.write(Data(masker.mask(text).utf8))
  }
}
