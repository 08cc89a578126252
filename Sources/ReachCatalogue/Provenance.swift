/// Where a catalogue fact comes from: what the implementation guide states, or what this project
/// had to decide because the guide does not say (its request and response bodies were not kept).
/// A user can tell from it which behaviour to expect of the real platform.
public enum Provenance: Sendable, Hashable {
  /// Stated by the guide: its section (`6`, `1.4`, `3.C step 3`) and a few words of it as printed.
  case guide(section: String, quote: String)
  /// This project's decision where the guide says nothing; the reason, in a line.
  case assumption(String)

  public static func guide(_ section: String, _ quote: String) -> Provenance {
    .guide(section: section, quote: quote)
  }

  public var isAssumption: Bool {
    if case .assumption = self { return true }
    return false
  }

  /// `{"source": "guide", "section": …, "quote": …}` or `{"source": "assumption", "reason": …}`.
  public var json: JSONValue {
    switch self {
    case .guide(let section, let quote):
      return ["source": "guide", "section": .string(section), "quote": .string(quote)]
    case .assumption(let reason):
      return ["source": "assumption", "reason": .string(reason)]
    }
  }
}

/// One value of an enumerated field or status table, with where it comes from.
public struct EnumValue: Sendable, Hashable {
  public var value: JSONValue
  public var provenance: Provenance

  public init(_ value: JSONValue, _ provenance: Provenance) {
    self.value = value
    self.provenance = provenance
  }

  /// The value as text: `PAYMENT_PENDING`, `2`.
  public var text: String { value.stringValue ?? value.jsonText() }
}

extension Provenance {
  /// The default of a request field the guide does not name.
  static let unnamedField = Provenance.assumption("the guide shows no request body here; the field is this project's")
  /// The default of a response field the guide does not name.
  static let unnamedResponseField = Provenance.assumption(
    "the guide shows no response body here; the field is this project's")
  /// The default of an enum value the guide does not list.
  static let unlistedValue = Provenance.assumption("the guide lists no values for this field")

  // Facts several entries share.
  static let customerIdTerm = Provenance.guide("1.4", "Required for all subsequent calls for that subscriber")
  static let transactionIdTerm = Provenance.guide("1.4", "A unique ID returned by asynchronous operations")
  static let iccIdTerm = Provenance.guide("1.4", "Required for SIM-based activation")
  static let ccUUIDTerm = Provenance.guide("1.4", "ccUUID / cardId")
  static let groupIdTerm = Provenance.guide("1.4", "Used in billing, ILD, and IR APIs")
  static let redirectUrlTerm = Provenance.guide("1.4", "Must start with https://")
  static let portInDetails = Provenance.guide("3.E step 2", "You must collect the following from the customer")
  static let simTypeValues = Provenance.guide("3.A step 9", "If simType = PSIM")
}
