/// How one bulk row ended: what the progress line, the journal and `--report csv=PATH` show.
public struct RowResult: Sendable, Hashable {
  public enum Outcome: String, Sendable, Hashable, CaseIterable {
    /// The body ran to its end.
    case done
    /// A `skip` step ended it (the state did not allow acting), or its line failed the check.
    case skipped
    /// A step failed: `reason`, and the last call's HTTP status and attempts.
    case failed
  }

  /// The CSV line the row is on.
  public var line: Int
  /// The row's first declared column (`customerId`).
  public var key: String
  public var outcome: Outcome
  public var reason: String?
  /// The last call's HTTP status, if the row made one.
  public var status: Int?
  /// Attempts over all the row's calls (retries included).
  public var attempts: Int
  /// From the row's start to its end, on the run's clock (nil for a line refused by the check).
  public var durationMs: Int?

  public init(line: Int, key: String, outcome: Outcome, reason: String? = nil, status: Int? = nil, attempts: Int = 0) {
    self.line = line
    self.key = key
    self.outcome = outcome
    self.reason = reason
    self.status = status
    self.attempts = attempts
  }

  /// A row that ended skipped after an earlier attempt's call of this run had (or may have) taken
  /// effect: the state it read shows that effect, so the row is done.
  mutating func markReconciled() {
    outcome = .done
    reason = "reconciled: an earlier attempt's call had taken effect (\(reason ?? ""))"
  }
}
