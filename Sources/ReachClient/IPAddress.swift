public import NIOCore

/// IP addresses as bytes, parsed by NIO's `SocketAddress` (the system's `inet_pton`): the one
/// address parser of reach, for the loopback rule and `--allow-from`.
public enum IPAddress {
  /// The bytes of `text` in network order (4 for IPv4, 16 for IPv6, without brackets), or nil
  /// when it is not an address. A scoped IPv6 address (`fe80::1%eth0`), which NIO would resolve
  /// through `getaddrinfo`, is refused.
  public static func bytes(_ text: String) -> [UInt8]? {
    guard !text.contains("%"), let address = try? SocketAddress(ipAddress: text, port: 0) else { return nil }
    return bytes(address)
  }

  /// The bytes of a socket address in network order; nil for a Unix domain socket. `sin_addr`
  /// and `sin6_addr` are not named here (on Linux their declarations belong to NIO's internal C
  /// module): the address is read at its offset, the same on Linux and Darwin, after the family
  /// and port (4 bytes) of a `sockaddr_in`, after the family, port and flow label (8 bytes) of a
  /// `sockaddr_in6`.
  public static func bytes(_ address: SocketAddress) -> [UInt8]? {
    switch address {
    case .v4(let v4): withUnsafeBytes(of: v4.address) { Array($0[4..<8]) }
    case .v6(let v6): withUnsafeBytes(of: v6.address) { Array($0[8..<24]) }
    case .unixDomainSocket: nil
    }
  }

  /// Whether `text` is a loopback address: IPv4 `127.0.0.0/8` or IPv6 `::1`, in any spelling.
  public static func isLoopback(_ text: String) -> Bool {
    switch bytes(text) {
    case let bytes? where bytes.count == 4: bytes[0] == 127
    case let bytes? where bytes.count == 16: bytes == Array(repeating: 0, count: 15) + [1]
    default: false
    }
  }
}
