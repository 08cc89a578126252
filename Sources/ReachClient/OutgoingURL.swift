/// The rule every outgoing request of `reach` follows, whoever sends it: `https://`, or plain
/// `http://` to a loopback host only (`localhost`, `127.0.0.0/8`, `::1`), where nothing crosses a
/// network. ``AsyncHTTPTransport`` enforces it on every request; commands check their URLs with
/// it up front, so a bad one is refused before anything runs.
public enum OutgoingURL {
  /// Why nothing may be sent to `url`, or nil when it may.
  public static func refusal(_ url: String) -> String? {
    guard let parts = URLParts(url) else {
      return "'\(url.contains("@") ? "the URL" : url)' is not an http:// or https:// URL with a host"
    }
    guard parts.scheme == "http", !parts.isLoopback else { return nil }
    return clearText(HostAndPort(host: parts.host, port: parts.port ?? 80))
  }

  /// Whether `host` (a name or an address, IPv6 without brackets) is loopback.
  public static func isLoopback(_ host: String) -> Bool {
    host.lowercased() == "localhost" || IPAddress.isLoopback(host)
  }

  static func clearText(_ origin: HostAndPort) -> String {
    "refusing to send to \(origin) in clear text: plain http:// is allowed only on loopback "
      + "(localhost, 127.0.0.0/8, ::1); use https://"
  }
}
