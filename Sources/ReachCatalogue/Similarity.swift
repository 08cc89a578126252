/// Edit distance for "did you mean" suggestions, shared by every layer that names things.
public enum Similarity {
  public static func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a.lowercased()), b = Array(b.lowercased())
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }

  /// Up to `limit` candidates close enough to `name` to be a likely typo, closest first.
  public static func nearest(to name: String, among candidates: [String], limit: Int = 3) -> [String] {
    let threshold = max(2, name.count / 3)
    return
      candidates
      .map { (candidate: $0, score: scored(name, $0)) }
      .filter { $0.score <= threshold }
      .sorted { ($0.score, $0.candidate) < ($1.score, $1.candidate) }
      .prefix(limit)
      .map(\.candidate)
  }

  private static func scored(_ name: String, _ candidate: String) -> Int {
    let d = distance(name, candidate)
    // A shared segment ("suspend" in "subscriber.suspend") counts as close.
    let lower = name.lowercased()
    if candidate.lowercased().split(separator: ".").contains(where: { $0 == lower }) { return 1 }
    return d
  }
}
