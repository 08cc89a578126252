import Foundation
import ReachCatalogue
import Yams

/// `reach.yaml`: named targets, each a base URL and where each secret comes from.
///
/// ```yaml
/// default: staging
/// targets:
///   staging:
///     url: https://staging.api.example
///     jwt: { env: REACH_STAGING_JWT }
///     apiKey: { command: "vault kv get -field=api_key secret/reach/staging" }
///     proxy: http://proxy.corp.example:3128   # optional: see TargetProxy
/// ```
public struct TargetConfig: Sendable, Equatable {
  public struct Entry: Sendable, Equatable {
    public var name: String
    public var url: String
    public var jwt: SecretSource
    public var apiKey: SecretSource
    public var sandbox: Bool
    /// The target's own proxy; nil to follow the environment.
    public var proxy: TargetProxy? = nil
  }

  public var file: String
  public var defaultTarget: String?
  public var targets: [Entry]

  public static let defaultFile = "reach.yaml"

  /// Parses the text of a configuration; errors carry the file, line and column.
  public static func parse(_ text: String, file: String) throws(TargetError) -> TargetConfig {
    let root: Node?
    do {
      root = try Yams.compose(yaml: text)
    } catch let error as YamlError {
      throw TargetConfig.yamlError(error, file: file)
    } catch {
      throw .config(file: file, line: 1, column: 1, message: "cannot read YAML: \(error)")
    }
    guard let root, let mapping = root.mapping else {
      throw .config(file: file, line: 1, column: 1, message: "expected a mapping with 'targets'")
    }
    var config = TargetConfig(file: file, defaultTarget: nil, targets: [])
    for (keyNode, value) in mapping {
      let key = keyNode.string ?? ""
      switch key {
      case "default":
        config.defaultTarget = value.string
      case "targets":
        guard let targets = value.mapping else {
          throw error(value, file, "'targets' must be a mapping of name to target")
        }
        for (nameNode, entry) in targets {
          config.targets.append(try parseEntry(name: nameNode.string ?? "", entry, file: file))
        }
      default:
        throw error(keyNode, file, "unknown key '\(key)'; expected 'default' or 'targets'")
      }
    }
    if let name = config.defaultTarget, !config.targets.contains(where: { $0.name == name }) {
      throw .config(file: file, line: 1, column: 1, message: "'default' names '\(name)', which is not under 'targets'")
    }
    return config
  }

  /// Reads `path`; nil when the file does not exist.
  public static func load(path: String) throws(TargetError) -> TargetConfig? {
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .config(file: path, line: 1, column: 1, message: "cannot read the file")
    }
    return try parse(String(decoding: data, as: UTF8.self), file: path)
  }

  public func entry(named name: String) -> Entry? { targets.first { $0.name == name } }

  static func parseEntry(name: String, _ node: Node, file: String) throws(TargetError) -> Entry {
    guard let mapping = node.mapping else { throw error(node, file, "target '\(name)' must be a mapping") }
    var url: String?
    var jwt: SecretSource?
    var apiKey: SecretSource?
    var sandbox = false
    var proxy: TargetProxy?
    for (keyNode, value) in mapping {
      switch keyNode.string ?? "" {
      case "url": url = value.string
      case "jwt": jwt = try secret(value, field: "targets.\(name).jwt", file: file)
      case "apiKey": apiKey = try secret(value, field: "targets.\(name).apiKey", file: file)
      case "sandbox": sandbox = value.bool ?? false
      case "proxy": proxy = try targetProxy(value, field: "targets.\(name).proxy", file: file)
      case let other:
        let hint = Similarity.nearest(to: other, among: ["url", "jwt", "apiKey", "sandbox", "proxy"], limit: 1).first
        throw error(
          keyNode, file, "unknown key '\(other)' in target '\(name)'" + (hint.map { " (did you mean '\($0)'?)" } ?? ""))
      }
    }
    guard let url else { throw error(node, file, "target '\(name)' needs 'url'") }
    guard let jwt else {
      throw error(node, file, "target '\(name)' needs 'jwt: { env: NAME }' or 'jwt: { command: ... }'")
    }
    guard let apiKey else {
      throw error(node, file, "target '\(name)' needs 'apiKey: { env: NAME }' or 'apiKey: { command: ... }'")
    }
    return Entry(name: name, url: url, jwt: jwt, apiKey: apiKey, sandbox: sandbox, proxy: proxy)
  }

  /// `proxy: http://host:port`, `proxy: none` or `proxy: { env: NAME }`.
  static func targetProxy(_ node: Node, field: String, file: String) throws(TargetError) -> TargetProxy {
    let usage = "give http://host:port, none, or { env: NAME } for a proxy URL with credentials"
    if let mapping = node.mapping {
      guard mapping.count == 1, let (key, value) = mapping.first.map({ ($0.key.string, $0.value.string) }),
        key == "env", let name = value, !name.isEmpty
      else { throw error(node, file, "\(field): \(usage)") }
      return .environment(name)
    }
    guard let text = node.string, node.scalar != nil else { throw error(node, file, "\(field): \(usage)") }
    switch TargetProxy.parse(text, field: field) {
    case .success(let proxy): return proxy
    case .failure(let invalid): throw error(node, file, "\(field): \(invalid.reason); \(usage)")
    }
  }

  static func secret(_ node: Node, field: String, file: String) throws(TargetError) -> SecretSource {
    guard let mapping = node.mapping, mapping.count == 1,
      let (key, value) = mapping.first.map({ ($0.key.string ?? "", $0.value.string ?? "") })
    else {
      throw error(
        node, file, "\(field): a literal secret is not allowed in a file; use { env: NAME } or { command: \"...\" }")
    }
    switch key {
    case "env": return .environment(value)
    case "command": return .command(value)
    default: throw error(node, file, "\(field): expected 'env' or 'command', got '\(key)'")
    }
  }

  static func error(_ node: Node, _ file: String, _ message: String) -> TargetError {
    let mark = node.mark
    return .config(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message)
  }

  static func yamlError(_ error: YamlError, file: String) -> TargetError {
    switch error {
    case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _):
      let what = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
      return .config(file: file, line: mark.line, column: mark.column, message: "YAML: \(what)")
    default:
      return .config(file: file, line: 1, column: 1, message: "YAML: \(error)")
    }
  }
}
