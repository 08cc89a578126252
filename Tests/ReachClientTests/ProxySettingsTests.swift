import Testing

@testable import ReachClient

/// Which proxy the environment names for a host, as curl reads the same variables.
@Suite struct ProxySettingsTests {
  typealias Proxy = ProxySettings.Proxy

  @Test func noVariablesNoProxy() throws {
    let settings = try ProxySettings.fromEnvironment(["PATH": "/usr/bin", "HTTPS_PROXY": " "])
    #expect(settings == ProxySettings())
    #expect(settings.proxy(forHost: "api.example.com", secure: true) == nil)
  }

  @Test func eachSchemeHasItsOwnProxyAndLowerCaseComesFirst() throws {
    let settings = try ProxySettings.fromEnvironment([
      "https_proxy": "http://secure.proxy:3128", "HTTPS_PROXY": "http://ignored.proxy:1",
      "HTTP_PROXY": "plain.proxy:8080",
    ])
    #expect(settings.proxy(forHost: "api.example.com", secure: true) == Proxy(host: "secure.proxy", port: 3128))
    #expect(settings.proxy(forHost: "api.example.com", secure: false) == Proxy(host: "plain.proxy", port: 8080))
    let onlyHTTP = try ProxySettings.fromEnvironment(["http_proxy": "http://plain.proxy"])
    #expect(onlyHTTP.proxy(forHost: "api.example.com", secure: true) == nil)
    #expect(onlyHTTP.proxy(forHost: "api.example.com", secure: false) == Proxy(host: "plain.proxy", port: 80))
  }

  /// The proxy's credentials go to the proxy and nowhere else: not in its description.
  @Test func credentialsAreKeptButNeverShown() throws {
    let settings = try ProxySettings.fromEnvironment(["HTTPS_PROXY": "http://ops:p%40ss@proxy.internal:3128/"])
    let proxy = try #require(settings.https)
    #expect(proxy.username == "ops")
    #expect(proxy.password == "p@ss")
    #expect(proxy.description == "proxy.internal:3128")
    #expect(!String(reflecting: proxy).contains("p@ss"))
  }

  @Test(arguments: [
    ("HTTPS_PROXY", "socks5://proxy:1080", "only http:// proxies are supported, not socks5://"),
    ("HTTPS_PROXY", "https://proxy:3128", "only http:// proxies are supported, not https://"),
    ("http_proxy", "http://:3128", "it names no host"),
    ("HTTPS_PROXY", "http://ops:secret@proxy:99999", "its port is not between 1 and 65535"),
  ])
  func proxiesItCannotUseAreNamedWithoutTheirValue(variable: String, value: String, reason: String) {
    #expect {
      _ = try ProxySettings.fromEnvironment([variable: value])
    } throws: { error in
      let text = "\(error)"
      return (error as? ProxySettings.Invalid) == ProxySettings.Invalid(variable: variable, reason: reason)
        && text.hasPrefix("\(variable) is not a proxy this client can use: \(reason)") && !text.contains("secret")
    }
  }

  @Test(arguments: [
    ("api.example.com", true), ("example.com", true), ("API.Example.COM.", true), ("badexample.com", false),
    ("internal.corp", true), ("x.internal.corp", true), ("internal.corp.evil", false), ("10.0.0.5", true),
    ("10.0.0.50", false), ("fd00::1", true), ("other.org", false),
  ])
  func noProxyNamesHostsReachedDirectly(host: String, direct: Bool) throws {
    let settings = try ProxySettings.fromEnvironment([
      "HTTPS_PROXY": "http://proxy:3128", "NO_PROXY": "example.com, *.internal.corp,10.0.0.5:443,[fd00::1]",
    ])
    #expect((settings.proxy(forHost: host, secure: true) == nil) == direct)
  }

  @Test func aStarBypassesEveryHost() throws {
    let settings = try ProxySettings.fromEnvironment(["https_proxy": "http://proxy:3128", "no_proxy": "*"])
    #expect(settings.proxy(forHost: "api.example.com", secure: true) == nil)
  }

  /// The embedded sandbox and a local `reach sandbox serve` are never reached through a proxy.
  @Test(arguments: ["localhost", "sandbox.localhost", "127.0.0.1", "127.1.2.3", "::1"])
  func loopbackIsNeverProxied(host: String) throws {
    let settings = try ProxySettings.fromEnvironment(["HTTP_PROXY": "http://proxy:3128"])
    #expect(settings.proxy(forHost: host, secure: false) == nil)
    #expect(settings.proxy(forHost: "127.0.0.1.example.com", secure: false) != nil)
  }

  /// A target's own proxy replaces the environment's for both schemes; NO_PROXY is kept.
  @Test func aTargetsProxyReplacesTheEnvironmentsAndKeepsNoProxy() throws {
    let environment = [
      "HTTPS_PROXY": "http://env.proxy:3128", "NO_PROXY": "internal.corp", "CORP_PROXY": "http://u:p@corp.proxy:8080",
    ]
    let settings = try ProxySettings.fromEnvironment(environment)
    #expect(try settings.applying(nil, environment: environment) == settings)
    let own = Proxy(host: "own.proxy", port: 3128)
    #expect(
      try settings.applying(.through(own), environment: environment)
        == ProxySettings(http: own, https: own, bypass: ["internal.corp"]))
    #expect(try settings.applying(.direct, environment: environment) == ProxySettings(bypass: ["internal.corp"]))
    let corp = try #require(try settings.applying(.environment("CORP_PROXY"), environment: environment).https)
    #expect(corp.description == "corp.proxy:8080")
    #expect(corp.username == "u" && corp.password == "p")
    #expect(throws: ProxySettings.Invalid(variable: "MISSING", reason: "it is not set (the target's 'proxy' names it)"))
    {
      try settings.applying(.environment("MISSING"), environment: environment)
    }
  }
}
