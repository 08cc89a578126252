import Foundation

/// The HTTP proxies requests go through, read from the environment as curl reads it:
/// `https_proxy` or `HTTPS_PROXY` for https targets, `http_proxy` or `HTTP_PROXY` for http
/// targets (the lower-case name first), and `no_proxy` or `NO_PROXY` for the hosts reached
/// directly. Loopback (`localhost`, `127.0.0.0/8`, `::1`) is never proxied: the embedded sandbox
/// and a local `reach sandbox serve` are always reached directly.
public struct ProxySettings: Sendable, Equatable {
  /// An HTTP proxy. Requests to a target go through a tunnel it opens with `CONNECT`.
  public struct Proxy: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int
    /// From the proxy URL's user information, sent to the proxy only; never printed.
    var username: String?
    var password: String?

    public init(host: String, port: Int) {
      self.host = host
      self.port = port
    }

    /// Host and port: the credentials, if any, are left out.
    public var description: String { HostAndPort(host: host, port: port).description }
  }

  /// A proxy variable that cannot be used, named and explained without its value (which may
  /// hold the proxy's password).
  public struct Invalid: Error, Sendable, Equatable, CustomStringConvertible {
    public var variable: String
    public var reason: String

    public var description: String {
      "\(variable) is not a proxy this client can use: \(reason); give it as http://host:port "
        + "(http://user:password@host:port when the proxy asks for credentials)"
    }
  }

  /// For http:// targets.
  public var http: Proxy?
  /// For https:// targets.
  public var https: Proxy?
  /// `NO_PROXY`'s entries, lower-cased: `*`, host names (a name also covers its subdomains; a
  /// leading `.` or `*.` is the same), IP addresses. Ports and CIDR ranges are not read.
  public var bypass: [String]

  public init(http: Proxy? = nil, https: Proxy? = nil, bypass: [String] = []) {
    self.http = http
    self.https = https
    self.bypass = bypass
  }

  /// The proxies the environment names; none when it names none.
  public static func fromEnvironment(_ environment: [String: String]) throws(Invalid) -> ProxySettings {
    func value(_ names: String...) -> (name: String, value: String)? {
      for name in names {
        if let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty {
          return (name, value)
        }
      }
      return nil
    }
    var settings = ProxySettings()
    if let (name, text) = value("https_proxy", "HTTPS_PROXY") { settings.https = try proxy(name, text) }
    if let (name, text) = value("http_proxy", "HTTP_PROXY") { settings.http = try proxy(name, text) }
    if let (_, text) = value("no_proxy", "NO_PROXY") {
      settings.bypass = text.split(separator: ",").compactMap { entry in
        var name = entry.trimmingCharacters(in: .whitespaces).lowercased()
        if name.hasPrefix("*.") { name.removeFirst() }
        if name.hasPrefix("["), let close = name.firstIndex(of: "]") {
          name = String(name[name.index(after: name.startIndex)..<close])
        } else if name.filter({ $0 == ":" }).count == 1, let colon = name.firstIndex(of: ":") {
          name = String(name[..<colon])
        }
        return name.isEmpty ? nil : name
      }
    }
    return settings
  }

  static func proxy(_ variable: String, _ text: String) throws(Invalid) -> Proxy {
    let withScheme = text.contains("://") ? text : "http://" + text
    guard let url = URL(string: withScheme), let scheme = url.scheme?.lowercased() else {
      throw Invalid(variable: variable, reason: "it is not a URL")
    }
    guard scheme == "http" else {
      throw Invalid(variable: variable, reason: "only http:// proxies are supported, not \(scheme)://")
    }
    guard let host = url.host, !host.isEmpty else {
      throw Invalid(variable: variable, reason: "it names no host")
    }
    let port = url.port ?? 80
    guard (1...65535).contains(port) else {
      throw Invalid(variable: variable, reason: "its port is not between 1 and 65535")
    }
    var proxy = Proxy(host: host, port: port)
    proxy.username = url.user?.removingPercentEncoding
    proxy.password = url.password?.removingPercentEncoding
    return proxy
  }

  /// The proxy a request to `host` goes through; nil when it goes directly.
  public func proxy(forHost host: String, secure: Bool) -> Proxy? {
    guard let proxy = secure ? https : http else { return nil }
    var name = host.lowercased()
    if name.hasSuffix(".") { name.removeLast() }
    if Self.isLoopback(name) { return nil }
    for entry in bypass {
      if entry == "*" || name == entry { return nil }
      if entry.hasPrefix(".") ? name.hasSuffix(entry) || name == entry.dropFirst() : name.hasSuffix("." + entry) {
        return nil
      }
    }
    return proxy
  }

  static func isLoopback(_ host: String) -> Bool {
    host.hasSuffix(".localhost") || OutgoingURL.isLoopback(host)
  }
}

/// A host and port as messages name them: `api.example.com:443`, `[::1]:8443`.
struct HostAndPort: Sendable, CustomStringConvertible {
  var host: String
  var port: Int

  var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
