import ReachCatalogue
import Testing

@Suite struct DurationMillisecondsTests {
  @Test func wholeMillisecondsRoundedTowardZero() {
    #expect(Duration.seconds(90).milliseconds == 90_000)
    #expect(Duration.milliseconds(1_234).milliseconds == 1_234)
    #expect(Duration.microseconds(1_999).milliseconds == 1)
    #expect(Duration.nanoseconds(999_999).milliseconds == 0)
    #expect((Duration.zero - .microseconds(1_500)).milliseconds == -1)
  }

  /// The standard conversion the code uses for seconds as a `Double` agrees with the parts.
  @Test func secondsAsADoubleAreTheStandardDivision() {
    #expect(Duration.milliseconds(1_500) / .seconds(1) == 1.5)
    #expect(Duration.seconds(3_600) / .seconds(1) == 3_600)
  }
}
