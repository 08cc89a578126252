import ArgumentParser
import Foundation
import ReachClient

/// Where calls go, shared by every command that sends.
struct TargetOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "A target name from the configuration, or a base URL (credentials from REACH_JWT and REACH_API_KEY).",
      valueName: "name|url"))
  var target: String?

  @Option(name: .long, help: ArgumentHelp("The target configuration file.", valueName: "path"))
  var config: String = TargetConfig.defaultFile

  /// The target these options name, with its secrets resolved.
  func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) throws(TargetError) -> Target {
    try Self.resolve(target: target, config: config, environment: environment)
  }

  /// Where the credentials of the target these options name come from (see the static one).
  func credentialSources() -> [String] {
    Self.credentialSources(target: target, config: config)
  }

  /// The target `target` names (`--target`, else the configuration's default), with its secrets
  /// resolved.
  static func resolve(
    target: String?, config: String, environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws(TargetError) -> Target {
    let loaded = try TargetConfig.load(path: config)
    guard let name = target ?? loaded?.defaultTarget else {
      throw .noTarget(config: config)
    }
    if name.contains("://") {
      let missing = ["REACH_JWT", "REACH_API_KEY"].filter { (environment[$0] ?? "").isEmpty }
      guard missing.isEmpty else { throw .missingEnvironment(missing) }
      return try Target(
        name: name, baseURL: name,
        credentials: Credentials(jwt: environment["REACH_JWT"]!, apiKey: environment["REACH_API_KEY"]!))
    }
    guard let entry = loaded?.entry(named: name) else {
      throw .unknownTarget(name, known: loaded?.targets.map(\.name) ?? [], config: config)
    }
    let jwt = try entry.jwt.resolve(name: "\(name).jwt", environment: environment)
    let apiKey = try entry.apiKey.resolve(name: "\(name).apiKey", environment: environment)
    return try Target(
      name: name, baseURL: entry.url, credentials: Credentials(jwt: jwt, apiKey: apiKey), isSandbox: entry.sandbox,
      proxy: entry.proxy)
  }

  /// Where the credentials of the target `target` names come from, for the go-live check:
  /// never a literal, since neither the command line nor reach.yaml accepts one.
  static func credentialSources(target: String?, config: String) -> [String] {
    guard let name = target ?? (try? TargetConfig.load(path: config))?.defaultTarget else { return [] }
    if name.contains("://") {
      return ["jwt: environment variable REACH_JWT", "apiKey: environment variable REACH_API_KEY"]
    }
    guard let entry = (try? TargetConfig.load(path: config))?.entry(named: name) else { return [] }
    return ["jwt: \(entry.jwt) (\(config))", "apiKey: \(entry.apiKey) (\(config))"]
  }
}
