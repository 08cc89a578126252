import Foundation

/// A date as the journal stores it: GRDB's text form, `yyyy-MM-dd HH:mm:ss.SSS` in UTC, so
/// records read back through GRDB decode it as they would their own. Written by hand for the
/// writes a bulk run makes per row, where GRDB's `DateFormatter` showed in the runner's profile.
enum JournalDate {
  static func text(_ date: Date) -> String {
    // To the nearest millisecond, as GRDB's formatter rounds (…40.9999 is …41.000).
    let total = Int64((date.timeIntervalSince1970 * 1000).rounded())
    var seconds = time_t(total.quotientAndRemainder(dividingBy: 1000).quotient)
    var millis = Int32(total - Int64(seconds) * 1000)
    if millis < 0 {
      seconds -= 1
      millis += 1000
    }
    var parts = tm()
    gmtime_r(&seconds, &parts)
    var text = ""
    text.reserveCapacity(23)
    func append(_ value: Int32, width: Int) {
      let digits = String(value)
      if digits.count < width { text += String(repeating: "0", count: width - digits.count) }
      text += digits
    }
    append(parts.tm_year + 1900, width: 4)
    text += "-"
    append(parts.tm_mon + 1, width: 2)
    text += "-"
    append(parts.tm_mday, width: 2)
    text += " "
    append(parts.tm_hour, width: 2)
    text += ":"
    append(parts.tm_min, width: 2)
    text += ":"
    append(parts.tm_sec, width: 2)
    text += "."
    append(millis, width: 3)
    return text
  }
}
