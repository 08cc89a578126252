import Foundation
import ReachCatalogue
import Testing

/// What a sender controls cannot act on a terminal.
@Suite struct TerminalTextTests {
  /// OSC (set the title), CSI (clear the screen), a C1 CSI, BEL, DEL, CR/LF and a right-to-left
  /// override: each printed as an escape.
  static let hostile = "a\u{1B}]0;owned\u{07}b\r\nc\u{9B}2J\u{7F}\u{202E}d\te\u{1B}[2J"

  @Test func aFieldEscapesEveryControlItsLineBreaksIncluded() {
    #expect(TerminalText.field(Self.hostile) == #"a\u001B]0;owned\u0007b\r\nc\u009B2J\u007F\u202Ed\te\u001B[2J"#)
    #expect(!TerminalText.field(Self.hostile).unicodeScalars.contains(where: TerminalText.needsEscape))
  }

  @Test func aBlockKeepsItsLinesAndTabs() {
    #expect(TerminalText.block("one\n\ttwo\r\u{1B}[1A") == "one\n\ttwo\\r\\u001B[1A")
  }

  @Test func plainTextIsUntouched() {
    for text in ["CUST000004", "Zoë ☃ مرحبا עברית 日本", "", "a\\u001B literally"] {
      #expect(TerminalText.field(text) == text)
      #expect(TerminalText.block(text) == text)
    }
  }

  /// reach's own colours survive; an escape sequence of any other kind does not.
  @Test func styledTextKeepsOnlyColours() {
    let line = "\u{1B}[31m✘\u{1B}[0m step: \u{1B}]0;owned\u{07}\u{1B}[2J\u{1B}[1;32mok\u{1B}[0m"
    #expect(
      TerminalText.styled(line) == "\u{1B}[31m✘\u{1B}[0m step: \\u001B]0;owned\\u0007\\u001B[2J\u{1B}[1;32mok\u{1B}[0m")
  }

  /// The escapes are JSON's: inside a JSON string they read back as the characters they stand for.
  @Test func escapesInsideAJSONStringDecodeToTheOriginal() throws {
    let json = "\"" + TerminalText.field(Self.hostile) + "\""
    let decoded = try JSONDecoder().decode(String.self, from: Data(json.utf8))
    #expect(decoded == Self.hostile)
  }
}

extension TerminalTextTests {
  /// reach's own OSC 8 hyperlinks (a printable ASCII URL) survive a styled line; one whose URL
  /// holds a control, and any other OSC, do not.
  @Test func styledTextKeepsOnlyPlainHyperlinks() {
    let link = "\u{1B}]8;;https://pay.example/p/T1\u{1B}\\https://pay.example/p/T1\u{1B}]8;;\u{1B}\\"
    #expect(TerminalText.styled("    open " + link) == "    open " + link)
    let hostile = "\u{1B}]8;;https://x\u{07}y\u{1B}\\z"
    #expect(TerminalText.styled(hostile) == #"\u001B]8;;https://x\u0007y\u001B\z"#)
    #expect(TerminalText.styled("\u{1B}]0;title\u{1B}\\") == #"\u001B]0;title\u001B\"#)
  }
}
