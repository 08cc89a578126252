/// Calendar dates as sandbox time.
extension SandboxTime {
  /// The start (00:00 UTC) of a `YYYY-MM-DD` date; nil when the text is not such a date.
  init?(date text: String) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
      (1...12).contains(month), (1...31).contains(day)
    else { return nil }
    let days = SandboxTime.days(fromCivil: year, month, day)
    guard SandboxTime.civil(fromDays: days) == (year, month, day) else { return nil }
    self.init(seconds: Double(days) * 86_400)
  }

  /// Howard Hinnant's days-from-civil algorithm: days since 1970-01-01.
  static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = month > 2 ? month - 3 : month + 9
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }
}
