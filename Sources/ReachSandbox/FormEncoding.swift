import ReachEndpoints

/// `a=1&b=two` (a query string or a form body) as ordered, percent-decoded pairs.
enum FormEncoding {
  static func pairs(_ text: String?) -> [(String, String)] {
    guard let text, !text.isEmpty else { return [] }
    return text.split(separator: "&").map { part in
      let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let name = PercentEncoding.decode(String(pieces[0]))
      return (name, pieces.count > 1 ? PercentEncoding.decode(String(pieces[1])) : "")
    }
  }
}
