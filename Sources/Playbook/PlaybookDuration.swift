import ReachCatalogue

/// Durations as playbooks write them: `500ms`, `5s`, `2m`, `1h`.
public enum PlaybookDuration {
  /// The duration `text` denotes, or nil when it is not a whole number followed by ms, s, m or h.
  public static func parse(_ text: String) -> Duration? {
    let units: [(suffix: String, milliseconds: Int)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)]
    for unit in units where text.hasSuffix(unit.suffix) {
      let number = text.dropLast(unit.suffix.count)
      guard !number.isEmpty, number.allSatisfy(\.isASCII), let n = Int(number), n >= 0 else { return nil }
      let (total, overflow) = n.multipliedReportingOverflow(by: unit.milliseconds)
      return overflow ? nil : .milliseconds(total)
    }
    return nil
  }

  /// The shortest exact playbook spelling of `duration` (`90s`, `2m`, `250ms`).
  public static func format(_ duration: Duration) -> String {
    let ms = duration.milliseconds
    if ms != 0, ms % 3_600_000 == 0 { return "\(ms / 3_600_000)h" }
    if ms != 0, ms % 60_000 == 0 { return "\(ms / 60_000)m" }
    if ms % 1000 == 0 { return "\(ms / 1000)s" }
    return "\(ms)ms"
  }
}
