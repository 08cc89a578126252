import Foundation
import PlaybookRunner
import ReachCatalogue

/// Where commands write: stdout for results, stderr for diagnostics. Everything goes through the
/// process's one secret masker: a command registers the secrets it learns there (the client, the
/// runner and the journal of `reach run` share it), so no channel prints one. And everything is
/// made inert for the terminal (``TerminalText``): a control character that came from outside
/// (a webhook's sender, the platform, a journal) is printed as an escape, never acted on; only
/// the colours of reach's own report lines (``styled(_:)``) and the progress line's erasing
/// (``stderr(_:)``) reach the terminal as they are.
enum Console {
  /// The masker of this process (one `reach` command, one run).
  static let masker = SecretMasker()

  static func out(_ text: String) {
    let text = TerminalText.block(masker.mask(text))
    FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
  }

  /// A line of the run's console report, whose outside parts the report escaped already
  /// (``ConsoleReport``): its colours are kept, any other control escaped.
  static func styled(_ line: String) {
    FileHandle.standardOutput.write(Data((TerminalText.styled(masker.mask(line)) + "\n").utf8))
  }

  /// A compiler-style line (`FILE:LINE:COL: error: …`), unprefixed so editors can parse it.
  static func diagnostic(_ text: String) {
    FileHandle.standardError.write(Data((TerminalText.block(masker.mask(text)) + "\n").utf8))
  }

  /// Whether stdout is a terminal that may be coloured (never with NO_COLOR set).
  static var colour: Bool {
    isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
  }

  /// Whether stdout is a terminal that may take OSC 8 hyperlinks (not `TERM=dumb`, not with
  /// `NO_COLOR` or `REACH_NO_HYPERLINKS` set); one that does not ignores them.
  static var hyperlinks: Bool {
    let environment = ProcessInfo.processInfo.environment
    return colour && environment["TERM"] != "dumb" && environment["REACH_NO_HYPERLINKS"] == nil
  }

  static func error(_ text: String) {
    FileHandle.standardError.write(Data(("reach: " + TerminalText.block(masker.mask(text)) + "\n").utf8))
  }

  /// A line on stderr as is, for text a user copies (`export NAME=value`).
  static func note(_ text: String) {
    FileHandle.standardError.write(Data((TerminalText.block(masker.mask(text)) + "\n").utf8))
  }

  /// Bytes for stderr (a progress line), masked like every other line; a leading
  /// ``ProgressTicker/clearLine`` is kept, so the live line is redrawn in place.
  static func stderr(_ text: String) {
    let clear = ProgressTicker.clearLine
    let kept = text.hasPrefix(clear) ? clear : ""
    let rest = TerminalText.block(masker.mask(String(text.unicodeScalars.dropFirst(kept.unicodeScalars.count))))
    FileHandle.standardError.write(Data((kept + rest).utf8))
  }
}
