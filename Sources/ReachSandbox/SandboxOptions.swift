/// How the sandbox starts and misbehaves on purpose: the subscribers it starts with, a rate limit
/// and injected faults, reproducible for a given seed.
public struct SandboxOptions: Sendable, Hashable {
  /// How many active subscribers the sandbox starts with (`SandboxPopulation` names them); 0 for
  /// none (the default).
  public var customers: Int

  /// Requests per second of wall time per API key; nil for no limit (the default). Counted on the
  /// wall clock, not the sandbox's scaled one: a rehearsal at `--speed 600` meets the limit as
  /// the platform would enforce it (guide 2.4 speaks of requests per second of real time).
  public var rateLimit: Int?

  /// Parses `--rate-limit`: `N/s` or `N`, with N at least 1.
  public static func rateLimit(parsing text: String) -> Int? {
    let number = text.hasSuffix("/s") ? String(text.dropLast(2)) : text
    guard let limit = Int(number), limit > 0 else { return nil }
    return limit
  }
  public var faults: FaultPlan
  public var seed: UInt64
  /// Where the ids the sandbox gives (transactions, cards, bills, new customers) start counting:
  /// 0 gives `TXN000001` on; `freshIDBase()` a random block of a million, so two sandboxes (two
  /// `reach run`s, a `reach sandbox serve` restarted without a state file) do not give the same
  /// ids, which a webhook store shared between them would take for callbacks it already has.
  public var idBase: Int
  /// The audit entries kept in memory (`GET /__sandbox/audit` lists them; see `AuditLog`).
  public var auditKept: Int
  /// 100,000 (some 25 MB; an assumption of ours): also what a restart reads back of a state file.
  public static let defaultAuditKept = 100_000

  public init(
    rateLimit: Int? = nil, faults: FaultPlan = FaultPlan(), seed: UInt64 = 1, customers: Int = 0, idBase: Int = 0,
    auditKept: Int = SandboxOptions.defaultAuditKept
  ) {
    self.customers = max(0, min(customers, SandboxPopulation.maximum))
    self.rateLimit = rateLimit
    self.faults = faults
    self.seed = seed
    self.idBase = max(0, idBase)
    self.auditKept = max(1, auditKept)
  }

  /// A random block of a million ids, from 900,000 blocks that all give `TXN` and 12 digits (a
  /// block under 100,000 gave fewer digits, so ids of different runs had different widths).
  public static func freshIDBase() -> Int { Int.random(in: 100_000...999_999) * 1_000_000 }
}

/// The share of platform calls answered with each fault status, and a latency added to every
/// platform call: `500=0.05,503=0.02,504=0.01,latency=20ms`. A 504 is injected after the state
/// change happened (section 5: "the request may have partially succeeded"); 500 and 503 change
/// nothing.
public struct FaultPlan: Sendable, Hashable {
  public static let statuses = [500, 503, 504]
  public var rates: [Int: Double]
  /// Real (unscaled) time added before each platform call is answered; nil for none.
  public var latency: Duration?

  public init(rates: [Int: Double] = [:], latency: Duration? = nil) {
    self.rates = rates
    self.latency = latency
  }

  public enum ParseError: Error, Hashable, CustomStringConvertible {
    case entry(String)
    case latency(String)

    public var description: String {
      switch self {
      case .entry(let entry):
        return "fault '\(entry)' must be STATUS=SHARE with STATUS one of 500, 503, 504 and SHARE from 0 to 1"
      case .latency(let entry):
        return "fault '\(entry)' must be latency=Nms or latency=Ns, e.g. latency=20ms"
      }
    }
  }

  /// Parses `500=0.05,503=0.02,latency=20ms`.
  public init(parsing text: String) throws(ParseError) {
    var rates: [Int: Double] = [:]
    var latency: Duration?
    for entry in text.split(separator: ",") {
      let parts = entry.split(separator: "=")
      if parts.count == 2, parts[0] == "latency" {
        guard let duration = FaultPlan.duration(String(parts[1])) else { throw .latency(String(entry)) }
        latency = duration
        continue
      }
      guard parts.count == 2, let status = Int(parts[0]), FaultPlan.statuses.contains(status),
        let share = Double(parts[1]), (0...1).contains(share)
      else { throw .entry(String(entry)) }
      rates[status] = share
    }
    self.rates = rates
    self.latency = latency
  }

  /// `20ms`, `1.5s`: a non-negative duration, or nil.
  static func duration(_ text: String) -> Duration? {
    let (digits, scale): (Substring, Double) =
      text.hasSuffix("ms") ? (text.dropLast(2), 1e-3) : text.hasSuffix("s") ? (text.dropLast(), 1) : ("", 0)
    guard let value = Double(digits), value >= 0, value.isFinite else { return nil }
    return .nanoseconds(Int64((value * scale * 1e9).rounded()))
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
  private(set) var state: UInt64

  init(seed: UInt64) { state = seed }

  /// A generator that goes on from a saved `state`.
  init(state: UInt64) { self.state = state }

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
