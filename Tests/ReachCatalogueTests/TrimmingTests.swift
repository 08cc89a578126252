import ReachCatalogue
import Testing

@Suite struct TrimmingTests {
  @Test func dropsOnlyLeadingAndTrailingCharactersThatMatch() {
    #expect("  a b  ".trimming { $0 == " " } == "a b")
    #expect("\t a \n".trimming { $0 == " " } == "\t a \n")
    #expect(" \n${{ x }}\t".trimming { $0.isWhitespace } == "${{ x }}")
  }

  @Test func allOrNothingToDrop() {
    #expect("   ".trimming { $0 == " " } == "")
    #expect("".trimming { $0 == " " } == "")
    #expect("abc".trimming { $0 == " " } == "abc")
  }

  @Test func aSubstringStaysASliceOfItsString() {
    let text = "x, 10.0.0.0/8 ,y"
    let entry = text.split(separator: ",")[1]
    let trimmed = entry.trimming { $0 == " " }
    #expect(trimmed == "10.0.0.0/8")
    #expect(trimmed.base == text)
  }
}
