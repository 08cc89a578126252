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

  public func contains(_ address: String) -> Bool {
    guard var candidate = CIDR.bytes(address) else { return false }
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

  static func bytes(_ text: String) -> [UInt8]? {
    if text.contains(":") { return ipv6(text) }
    let octets = text.split(separator: ".", omittingEmptySubsequences: false)
    guard octets.count == 4 else { return nil }
    var out: [UInt8] = []
    for octet in octets {
      guard let value = UInt8(octet) else { return nil }
      out.append(value)
    }
    return out
  }

  static func ipv6(_ text: String) -> [UInt8]? {
    let halves = text.components(separatedBy: "::")
    guard halves.count <= 2 else { return nil }
    func groups(_ s: String) -> [UInt16]? {
      if s.isEmpty { return [] }
      var out: [UInt16] = []
      var parts = s.split(separator: ":", omittingEmptySubsequences: false)
      var embedded: [UInt16] = []
      // An embedded IPv4 address in the last two groups: ::ffff:192.0.2.1
      if let last = parts.last, last.contains(".") {
        guard let v4 = bytes(String(last)), v4.count == 4 else { return nil }
        embedded = [UInt16(v4[0]) << 8 | UInt16(v4[1]), UInt16(v4[2]) << 8 | UInt16(v4[3])]
        parts.removeLast()
      }
      for g in parts {
        guard let v = UInt16(g, radix: 16), g.count <= 4 else { return nil }
        out.append(v)
      }
      return out + embedded
    }
    guard let head = groups(halves[0]) else { return nil }
    var all = head
    if halves.count == 2 {
      guard let tail = groups(halves[1]), head.count + tail.count < 8 else { return nil }
      all += Array(repeating: 0, count: 8 - head.count - tail.count) + tail
    }
    guard all.count == 8 else { return nil }
    return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
  }
}

public struct CIDRError: Error, Sendable, Equatable, CustomStringConvertible {
  public var entry: String

  public init(entry: String) { self.entry = entry }

  public var description: String { "'\(entry)' is not an address or CIDR network (like 192.0.2.0/24 or 2001:db8::/32)" }
}

extension String {
  func components(separatedBy separator: String) -> [String] {
    var parts: [String] = []
    var rest = self[...]
    while let range = rest.firstRange(of: separator) {
      parts.append(String(rest[..<range.lowerBound]))
      rest = rest[range.upperBound...]
    }
    parts.append(String(rest))
    return parts
  }
}
