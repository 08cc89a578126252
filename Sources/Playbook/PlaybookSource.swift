import Foundation

/// Where playbook files come from: the file system, or a dictionary in tests.
public struct PlaybookSource: Sendable {
  public var read: @Sendable (String) -> String?

  public init(read: @escaping @Sendable (String) -> String?) {
    self.read = read
  }

  public static let fileSystem = PlaybookSource { path in
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    return String(decoding: data, as: UTF8.self)
  }

  public static func inMemory(_ files: [String: String]) -> PlaybookSource {
    PlaybookSource { files[$0] }
  }

  /// Reads and parses `path`; nil when the file cannot be read.
  public func load(_ path: String) -> ParseResult? {
    read(path).map { PlaybookParser.parse($0, file: path) }
  }
}

/// Paths as playbooks name them: `use` is relative to the directory of the using playbook.
public enum PlaybookPath {
  /// `other` resolved against the directory of `file`, with `.` and `..` folded.
  public static func resolve(_ other: String, relativeTo file: String) -> String {
    if other.hasPrefix("/") { return normalize(other) }
    let directory = file.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
    return normalize(directory.isEmpty ? other : directory + "/" + other)
  }

  static func normalize(_ path: String) -> String {
    let absolute = path.hasPrefix("/")
    var parts: [Substring] = []
    for part in path.split(separator: "/") {
      switch part {
      case ".": continue
      case "..":
        if let last = parts.last, last != ".." { parts.removeLast() } else if !absolute { parts.append(part) }
      default: parts.append(part)
      }
    }
    let joined = parts.joined(separator: "/")
    return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
  }
}
