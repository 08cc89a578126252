public import Playbook

/// What a report says about the run beyond its events: which file (and its hash, so the
/// onboarding team knows exactly what ran), against what, by whom, when, with which reach, and
/// the steps' names.
public struct RunInfo: Sendable, Hashable {
  public var file: String
  public var sha256: String
  public var target: String
  /// `user@host`.
  public var ranBy: String
  /// ISO 8601, UTC.
  public var startedAt: String
  public var reachVersion: String
  /// Each step's `name:` by where it is written (`StepNames.collect`).
  public var stepNames: [SourceLocation: String]

  public init(
    file: String, sha256: String, target: String, ranBy: String, startedAt: String, reachVersion: String,
    stepNames: [SourceLocation: String] = [:]
  ) {
    self.file = file
    self.sha256 = sha256
    self.target = target
    self.ranBy = ranBy
    self.startedAt = startedAt
    self.reachVersion = reachVersion
    self.stepNames = stepNames
  }

  /// `egress-ips`, or `egress-ips: Production egress IPs …` when the step has a name as well.
  public func title(_ step: StepReference) -> String {
    guard let name = stepNames[step.location], name != step.label else { return step.description }
    return step.description + ": " + name
  }
}
