import Foundation

/// The file scans of the go-live checks: redirect and callback URLs that are not https, and
/// literal JWTs or API keys. Findings name the file and line; a secret's value is masked.
public enum GoLiveScan {
  public struct Finding: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var what: String

    public init(file: String, line: Int, what: String) {
      self.file = file
      self.line = line
      self.what = what
    }

    public var description: String { "\(file):\(line): \(what)" }
  }

  /// Directories never scanned: build output, dependencies, version control.
  static let skipped: Set<String> = [".build", ".git", ".swiftpm", "node_modules", "Pods", "DerivedData", "vendor"]
  static let maxFileSize = 1 << 20

  /// The files under `paths` (each a file or a directory), and the paths that do not exist.
  public static func files(_ paths: [String]) -> (files: [String], missing: [String]) {
    var files: [String] = []
    var missing: [String] = []
    let manager = FileManager.default
    for path in paths {
      var isDirectory: ObjCBool = false
      guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
        missing.append(path)
        continue
      }
      guard isDirectory.boolValue else {
        files.append(path)
        continue
      }
      var found: [String] = []
      if let walker = manager.enumerator(atPath: path) {
        while let relative = walker.nextObject() as? String {
          let name = (relative as NSString).lastPathComponent
          if skipped.contains(name) || (name.hasPrefix(".") && name != ".env" && !name.hasPrefix(".env.")) {
            walker.skipDescendants()
            continue
          }
          let full = path.hasSuffix("/") ? path + relative : path + "/" + relative
          var directory: ObjCBool = false
          if manager.fileExists(atPath: full, isDirectory: &directory), !directory.boolValue { found.append(full) }
        }
      }
      files += found.sorted()
    }
    return (files, missing)
  }

  /// Lines of a text file (nil for a binary or an oversized one).
  static func lines(_ file: String) -> [Substring]? {
    guard let data = FileManager.default.contents(atPath: file), data.count <= maxFileSize, !data.contains(0) else {
      return nil
    }
    return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
  }

  // MARK: https

  /// `redirectUrl: http://…`, `callbackUrl = "http://…"`, `"webhookUrl": "http://…"`.
  nonisolated(unsafe) static let insecureURL =
    /(?i)([A-Za-z_]*(?:redirect|callback|webhook|notification)[A-Za-z_]*)["']?\s*[:=]\s*["']?(http:\/\/[^\s"'<>,}\]]+)/

  /// Every redirect, callback, webhook or notification URL under `paths` that is plain http.
  public static func insecureURLs(_ paths: [String]) -> [Finding] {
    var findings: [Finding] = []
    for file in files(paths).files {
      guard let lines = lines(file) else { continue }
      for (index, line) in lines.enumerated() {
        for match in line.matches(of: insecureURL) {
          findings.append(Finding(file: file, line: index + 1, what: "\(match.1) is \(match.2), not https://"))
        }
      }
    }
    return findings
  }

  // MARK: Secrets

  /// A JSON Web Token: three base64url parts, the first two JSON objects (`eyJ`).
  nonisolated(unsafe) static let jwt = /eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}/
  /// A credential-looking name given a literal value of 16 or more key characters.
  nonisolated(unsafe) static let assignedKey =
    /(?i)((?:x[-_]?)?api[-_]?key|apikey|access[-_]?key(?:[-_]?(?:id|secret))?|secret[-_]?key|client[-_]?secret|bearer[-_]?token|auth[-_]?token)["']?\s*[:=]\s*["']?([A-Za-z0-9_\-+\/=.]{16,})/

  /// Literal JWTs and API keys under `paths`, each with its file, line and masked value.
  public static func literalSecrets(_ paths: [String]) -> [Finding] {
    var findings: [Finding] = []
    for file in files(paths).files {
      guard let lines = lines(file) else { continue }
      for (index, line) in lines.enumerated() {
        var seen: [Substring] = []
        for match in line.matches(of: jwt) {
          seen.append(match.0)
          findings.append(Finding(file: file, line: index + 1, what: "a literal JWT \(mask(match.0))"))
        }
        for match in line.matches(of: assignedKey)
        where !seen.contains(where: { $0.contains(match.2) || match.2.contains($0) }) {
          guard isLiteral(match.2) else { continue }
          findings.append(Finding(file: file, line: index + 1, what: "a literal \(match.1) \(mask(match.2))"))
        }
      }
    }
    return findings
  }

  /// Not a reference to somewhere else (`${…}`, `$NAME`, `env.`) and not a placeholder.
  static func isLiteral(_ value: Substring) -> Bool {
    let lower = value.lowercased()
    let placeholders = ["your", "example", "placeholder", "changeme", "xxxx", "redacted", "dummy", "<"]
    if placeholders.contains(where: lower.contains) { return false }
    // A key has both letters and digits; a word such as REACH_API_KEY_NAME does not.
    return value.contains(where: \.isNumber) && value.contains(where: \.isLetter)
  }

  /// The first four characters, then `***` and the length: enough to find it, not to use it.
  public static func mask(_ value: Substring) -> String {
    "\(value.prefix(4))*** (\(value.count) characters)"
  }
}
