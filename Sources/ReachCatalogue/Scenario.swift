/// The parts of the guide an endpoint serves: set-up (1.3) and scenarios A to K (section 3).
public enum Scenario: String, Sendable, Hashable, CaseIterable, Comparable {
  case setup
  case a = "A", b = "B", c = "C", d = "D", e = "E", f = "F", g = "G", h = "H", i = "I", j = "J", k = "K"
  /// Endpoints that section 6 lists but no scenario walks through.
  case reference

  public var title: String {
    switch self {
    case .setup: return "1.3 Generate permanent access keys"
    case .a: return "A — New customer purchase"
    case .b: return "B — Returning customer renewal or add-on"
    case .c: return "C — Physical SIM activation"
    case .d: return "D — eSIM activation"
    case .e: return "E — Number port-in"
    case .f: return "F — Plan change"
    case .g: return "G — Add a payment card"
    case .h: return "H — Billing and payment"
    case .i: return "I — Subscriber lifecycle management"
    case .j: return "J — International roaming pack purchase"
    case .k: return "K — Data cut-off management"
    case .reference: return "Section 6 only"
    }
  }

  /// Accepts `A`, `a`, `setup`, `reference`.
  public init?(argument: String) {
    if let s = Scenario(rawValue: argument) ?? Scenario(rawValue: argument.uppercased())
      ?? Scenario(rawValue: argument.lowercased())
    {
      self = s
    } else {
      return nil
    }
  }

  public static func < (lhs: Scenario, rhs: Scenario) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}
