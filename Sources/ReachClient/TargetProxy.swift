import Foundation

/// The proxy a target's requests go through, when `reach.yaml` names one for it (`proxy:`); a
/// target without one follows the environment (``ProxySettings/fromEnvironment(_:)``). In either
/// case `NO_PROXY` still names the hosts reached directly, as curl reads it with `--proxy`, and
/// loopback is never proxied.
///
/// ```yaml
/// targets:
///   staging:
///     url: https://staging.api.example
///     proxy: http://proxy.corp.example:3128      # or: none, or { env: STAGING_PROXY }
/// ```
public enum TargetProxy: Sendable, Equatable, CustomStringConvertible {
  /// Straight to the target, whatever `HTTPS_PROXY` says (`proxy: none`).
  case direct
  /// Through this HTTP proxy, whatever `HTTPS_PROXY` says (`proxy: http://host:port`).
  case through(ProxySettings.Proxy)
  /// Through the proxy URL this environment variable holds (`proxy: { env: NAME }`): for a proxy
  /// that asks for credentials, which a file must not hold.
  case environment(String)

  public var description: String {
    switch self {
    case .direct: return "none"
    case .through(let proxy): return "http://\(proxy)"
    case .environment(let name): return "the proxy in environment variable \(name)"
    }
  }

  /// Parses `proxy:`'s text (`none`, or an http:// URL without credentials); nil with the reason.
  static func parse(_ text: String, field: String) -> Result<TargetProxy, ProxySettings.Invalid> {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if trimmed == "none" { return .success(.direct) }
    let invalid = { (reason: String) in ProxySettings.Invalid(variable: field, reason: reason) }
    if trimmed.contains("@") {
      return .failure(
        invalid(
          "a proxy's credentials are not allowed in a file; give the proxy URL with them in an "
            + "environment variable and name it: proxy: { env: NAME }"))
    }
    do {
      return .success(.through(try ProxySettings.proxy(field, trimmed)))
    } catch {
      return .failure(error)
    }
  }
}

extension ProxySettings {
  /// These settings for the requests to a target with `proxy` (nil: these, unchanged): its proxy
  /// replaces `HTTPS_PROXY` and `HTTP_PROXY`; `NO_PROXY` is kept.
  public func applying(_ proxy: TargetProxy?, environment: [String: String]) throws(Invalid) -> ProxySettings {
    switch proxy {
    case nil: return self
    case .direct?: return ProxySettings(bypass: bypass)
    case .through(let proxy)?: return ProxySettings(http: proxy, https: proxy, bypass: bypass)
    case .environment(let name)?:
      guard let text = environment[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
        throw Invalid(variable: name, reason: "it is not set (the target's 'proxy' names it)")
      }
      let proxy = try ProxySettings.proxy(name, text)
      return ProxySettings(http: proxy, https: proxy, bypass: bypass)
    }
  }
}
