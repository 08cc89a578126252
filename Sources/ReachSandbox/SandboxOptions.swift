/// How the sandbox misbehaves on purpose: a rate limit and injected faults, reproducible for a
/// given seed.
public struct SandboxOptions: Sendable, Hashable {
  /// Requests per second of sandbox time per API key; nil for no limit (the default).
  public var rateLimit: Int?
  public var faults: FaultPlan
  public var seed: UInt64

  public init(rateLimit: Int? = nil, faults: FaultPlan = FaultPlan(), seed: UInt64 = 1) {
    self.rateLimit = rateLimit
    self.faults = faults
    self.seed = seed
  }
}

/// The share of platform calls answered with each fault status: `500=0.05,503=0.02,504=0.01`.
/// A 504 is injected after the state change happened (section 5: "the request may have
/// partially succeeded"); 500 and 503 change nothing.
public struct FaultPlan: Sendable, Hashable {
  public static let statuses = [500, 503, 504]
  public var rates: [Int: Double]

  public init(rates: [Int: Double] = [:]) { self.rates = rates }

  public enum ParseError: Error, Hashable, CustomStringConvertible {
    case entry(String)

    public var description: String {
      switch self {
      case .entry(let entry):
        return "fault '\(entry)' must be STATUS=SHARE with STATUS one of 500, 503, 504 and SHARE from 0 to 1"
      }
    }
  }

  /// Parses `500=0.05,503=0.02`.
  public init(parsing text: String) throws(ParseError) {
    var rates: [Int: Double] = [:]
    for entry in text.split(separator: ",") {
      let parts = entry.split(separator: "=")
      guard parts.count == 2, let status = Int(parts[0]), FaultPlan.statuses.contains(status),
        let share = Double(parts[1]), (0...1).contains(share)
      else { throw .entry(String(entry)) }
      rates[status] = share
    }
    self.rates = rates
  }

  /// The fault for a draw in 0..<1, or nil.
  func fault(for draw: Double) -> Int? {
    var edge = 0.0
    for status in FaultPlan.statuses {
      edge += rates[status] ?? 0
      if draw < edge { return status }
    }
    return nil
  }
}

/// SplitMix64: a small, seedable generator, so a seed gives the same faults every run.
struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A number in 0..<1.
  mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
