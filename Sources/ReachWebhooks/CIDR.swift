public import NIOCore
import ReachCatalogue
import ReachClient

/// An IPv4 or IPv6 network in CIDR notation, for `--allow-from`.
public struct CIDR: Sendable, Equatable, CustomStringConvertible {
  let network: [UInt8]
  let prefix: Int
  public let description: String

  public init?(_ text: String) {
    // Empty parts are kept: "" and "10.0.0.0/" are refused, not read as a whole address.
    let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
    guard let first = parts.first, let address = IPAddress.bytes(String(first)) else { return nil }
    let maxPrefix = address.count * 8
    let prefix = parts.count == 2 ? Int(parts[1]) : maxPrefix
    guard let prefix, (0...maxPrefix).contains(prefix),
      parts.count == 1 || parts[1].allSatisfy({ $0.isASCII && $0.isNumber })
    else { return nil }
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
    guard let candidate = IPAddress.bytes(address) else { return false }
    return contains(bytes: candidate)
  }

  /// Whether a peer's address is in this network (its IPv6 scope, if any, aside).
  public func contains(_ address: SocketAddress) -> Bool {
    guard let candidate = IPAddress.bytes(address) else { return false }
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

}

public struct CIDRError: Error, Sendable, Equatable, CustomStringConvertible {
  public var entry: String

  public init(entry: String) { self.entry = entry }

  public var description: String { "'\(entry)' is not an address or CIDR network (like 192.0.2.0/24 or 2001:db8::/32)" }
}
