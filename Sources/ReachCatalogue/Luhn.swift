/// The Luhn (mod 10) check used by ICCIDs and IMEIs.
public enum Luhn {
  /// True when `digits` is all ASCII digits and its last digit is the Luhn check digit.
  public static func isValid(_ digits: String) -> Bool {
    guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return false }
    var sum = 0
    for (offset, byte) in digits.utf8.reversed().enumerated() {
      var d = Int(byte - 48)
      if offset % 2 == 1 {
        d *= 2
        if d > 9 { d -= 9 }
      }
      sum += d
    }
    return sum % 10 == 0
  }

  /// The check digit that completes `payload` (all digits).
  public static func checkDigit(for payload: String) -> Int {
    for candidate in 0...9 where isValid(payload + String(candidate)) {
      return candidate
    }
    return 0
  }

  /// `payload` followed by its check digit.
  public static func complete(_ payload: String) -> String {
    payload + String(checkDigit(for: payload))
  }
}
