import ReachCatalogue
import ReachEndpoints

/// `a=1&b=two` (a query string or a form body) as ordered, percent-decoded pairs.
enum FormEncoding {
  static func pairs(_ text: String?) -> [(String, String)] {
    guard let text, !text.isEmpty else { return [] }
    // Split on the bytes of `&` and `=`, ASCII, so never inside a character: much cheaper than
    // splitting on Characters.
    return text.utf8.split(separator: UInt8(ascii: "&")).map { part in
      guard let equals = part.firstIndex(of: UInt8(ascii: "=")) else {
        return (PercentEncoding.decode(String(Substring(part))), "")
      }
      return (
        PercentEncoding.decode(String(Substring(part[..<equals]))),
        PercentEncoding.decode(String(Substring(part[part.index(after: equals)...])))
      )
    }
  }
}
