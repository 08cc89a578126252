import Foundation

/// Where calls go: a base URL and the credentials for it.
public struct Target: Sendable, CustomStringConvertible {
  public var name: String
  public var baseURL: String
  public var credentials: Credentials
  /// True for an embedded or standalone sandbox (customer actions and rehearsals allowed).
  public var isSandbox: Bool
  /// The target's own proxy (`reach.yaml`); nil to follow the environment.
  public var proxy: TargetProxy?

  /// Refuses a base URL that is not `https://`, unless its host is loopback (a local sandbox).
  public init(
    name: String, baseURL: String, credentials: Credentials, isSandbox: Bool = false, proxy: TargetProxy? = nil
  ) throws(TargetError) {
    let trimmed = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    guard let parsed = URLParts(trimmed) else { throw .invalidURL(baseURL) }
    if parsed.scheme != "https" {
      guard parsed.scheme == "http", parsed.isLoopback else { throw .insecureURL(baseURL) }
    }
    self.name = name
    self.baseURL = trimmed
    self.credentials = credentials
    self.isSandbox = isSandbox
    self.proxy = proxy
  }

  public var description: String { "\(name) (\(baseURL))" }
}

public enum TargetError: Error, Sendable, Equatable, CustomStringConvertible {
  case invalidURL(String)
  case insecureURL(String)
  case missingEnvironment([String])
  /// A configured target's secret (`name`: `staging.jwt`) names an environment variable that is
  /// not set.
  case unsetVariable(name: String, variable: String)
  case noTarget(config: String)
  case unknownTarget(String, known: [String], config: String)
  case config(file: String, line: Int, column: Int, message: String)
  case secretCommandFailed(name: String, status: Int32, message: String)

  public var description: String {
    switch self {
    case .invalidURL(let url):
      return "'\(url)' is not a URL: a target URL looks like https://host[:port][/base]"
    case .insecureURL(let url):
      return "'\(url)' is not HTTPS: the platform rejects HTTP (2.2); plain http:// is allowed only on loopback"
    case .missingEnvironment(let names):
      return "with --target <url> the credentials come from the environment: set " + names.joined(separator: " and ")
    case .unsetVariable(let name, let variable):
      let (target, field) =
        name.lastIndex(of: ".").map { (String(name[..<$0]), String(name[name.index(after: $0)...])) } ?? (
          name, "secret"
        )
      return "target '\(target)' takes its \(field) from the environment variable \(variable), which is not set: "
        + "export \(variable) (or give '\(target)' a command for it in the configuration)"
    case .noTarget(let config):
      return "no target: give --target <name|url>, or name a 'default' in \(config); "
        + "`reach sandbox serve` runs a local sandbox to point --target at"
    case .unknownTarget(let name, let known, let config):
      let list = known.isEmpty ? "it defines none" : "it defines " + known.joined(separator: ", ")
      return "no target named '\(name)' in \(config) (\(list)); give a name from it or a URL"
    case .config(let file, let line, let column, let message):
      return "\(file):\(line):\(column): error: \(message)"
    case .secretCommandFailed(let name, let status, let message):
      return "the command for '\(name)' exited with status \(status)" + (message.isEmpty ? "" : ": \(message)")
    }
  }
}

/// Just enough URL parsing to check scheme and host without Foundation's leniency.
struct URLParts {
  var scheme: String
  var host: String
  var port: Int?

  init?(_ text: String) {
    guard let schemeEnd = text.range(of: "://") else { return nil }
    scheme = text[..<schemeEnd.lowerBound].lowercased()
    let rest = text[schemeEnd.upperBound...]
    let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
    guard !authority.isEmpty, !authority.contains("@") else { return nil }
    if authority.hasPrefix("[") {
      guard let close = authority.firstIndex(of: "]") else { return nil }
      host = String(authority[authority.index(after: authority.startIndex)..<close])
      let after = authority[authority.index(after: close)...]
      port = after.hasPrefix(":") ? Int(after.dropFirst()) : nil
    } else if let colon = authority.lastIndex(of: ":") {
      host = String(authority[..<colon])
      guard let p = Int(authority[authority.index(after: colon)...]) else { return nil }
      port = p
    } else {
      host = String(authority)
    }
    guard !host.isEmpty, scheme == "http" || scheme == "https" else { return nil }
  }

  var isLoopback: Bool { OutgoingURL.isLoopback(host) }
}
