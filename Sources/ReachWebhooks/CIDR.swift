public import NIOCore
import ReachCatalogue

/// An IPv4 or IPv6 network in CIDR notation, for `--allow-from`.
public struct CIDR: Sendable, Equatable, CustomStringConvertible {
  let network: [UInt8]
  let prefix: Int
  public let description: String

  public init?(_ text: String) {
    let parts = text.split(separator: "/", maxSplits: 1)
    guard let address = CIDR.bytes(String(parts[0])) else { return nil }
    let maxPrefix = address.count * 8
    let prefix = parts.count == 2 ? Int(parts[1]) : maxPrefix
    guard let prefix, (0...maxPrefix).contains(prefix) else { return nil }
    self.network = address
    self.prefix = prefix
    self.description = text
  }

  /// Parses a list like `10.0.0.0/8,192.0.2.7`; nil names the first bad entry.
  public static func list(_ text: String) -> Result<[CIDR], CIDRError> {
    var result: [CIDR] = []
    for entry in text.split(separator: ",").map({ String($0.trimming { $0 == " " }) }) where !entry.isEmpty {
      guard let cidr = CIDR(entry) else { return .failure(CIDRError(entry: entry)) }
      result.append(cidr)
    }
    return .success(result)
  }

  /// Whether `address` (an IPv4 or IPv6 address, as text) is in this network; an IPv4-mapped
  /// IPv6 address (`::ffff:192.0.2.7`) counts as its IPv4 address.
  public func contains(_ address: String) -> Bool {
    guard let candidate = CIDR.bytes(address) else { return false }
    return contains(bytes: candidate)
  }

  /// Whether a peer's address is in this network (its IPv6 scope, if any, aside).
  public func contains(_ address: SocketAddress) -> Bool {
    guard let candidate = CIDR.bytes(address) else { return false }
    return contains(bytes: candidate)
  }

  private func contains(bytes: [UInt8]) -> Bool {
    var candidate = bytes
    if candidate.count == 16, network.count == 4, candidate.prefix(12) == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF] {
      candidate = Array(candidate.suffix(4))  // IPv4-mapped IPv6
    }
    guard candidate.count == network.count else { return false }
    var remaining = prefix
    for i in 0..<network.count where remaining > 0 {
      let bits = min(8, remaining)
      let mask: UInt8 = bits == 8 ? 0xFF : ~(0xFF >> UInt8(bits))
      if candidate[i] & mask != network[i] & mask { return false }
      remaining -= bits
    }
    return true
  }

  /// The address's bytes in network order (4 for IPv4, 16 for IPv6), parsed by NIO's
  /// `SocketAddress` (the system's `inet_pton`), or nil when `text` is not an address. A scoped
  /// IPv6 address (`fe80::1%eth0`) is not a network and is refused.
  static func bytes(_ text: String) -> [UInt8]? {
    guard !text.contains("%"), let address = try? SocketAddress(ipAddress: text, port: 0) else { return nil }
    return bytes(address)
  }

  /// The address's bytes from NIO's socket address. `sin_addr` and `sin6_addr` are not named
  /// here (on Linux their declarations belong to NIO's internal C module): the address is read
  /// at its offset, the same on Linux and Darwin, after the family and port (4 bytes) of a
  /// `sockaddr_in`, and after the family, port and flow label (8 bytes) of a `sockaddr_in6`.
  static func bytes(_ address: SocketAddress) -> [UInt8]? {
    switch address {
    case .v4(let v4): withUnsafeBytes(of: v4.address) { Array($0[4..<8]) }
    case .v6(let v6): withUnsafeBytes(of: v6.address) { Array($0[8..<24]) }
    case .unixDomainSocket: nil
    }
  }
}

public struct CIDRError: Error, Sendable, Equatable, CustomStringConvertible {
  public var entry: String

  public init(entry: String) { self.entry = entry }

  public var description: String { "'\(entry)' is not an address or CIDR network (like 192.0.2.0/24 or 2001:db8::/32)" }
}
