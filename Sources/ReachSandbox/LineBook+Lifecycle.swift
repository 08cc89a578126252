import ReachCatalogue
import ReachEndpoints

/// The rules of a line's status that need only lines: how long activation and a lifecycle change
/// take, where a port-in lands, which lifecycle change a line may start (Scenario I: suspend,
/// restore, disconnect, reconnect) and moving the primary designation. Numbering a change and
/// scheduling it are the actor's.
extension LineBook {
  /// How long the platform takes to apply a lifecycle change.
  static let lifecycleDelay = Duration.seconds(30)

  /// Between 2 and 10 simulated minutes, fixed per customer so runs are reproducible.
  static func activationDelay(_ customerId: String) -> Duration {
    let seed = customerId.unicodeScalars.reduce(0) { ($0 &* 31 &+ Int($1.value)) & 0xFFFF }
    return .seconds(120 + seed % 481)
  }

  static func portOutcome(_ port: SandboxCustomer.PortIn, at due: SandboxTime) -> PendingStatus {
    if port.password == MagicValues.failingPortInPin {
      return PendingStatus(target: .portingFailed, at: due, message: "The losing carrier rejected the transfer PIN")
    }
    return PendingStatus(target: .active, at: due)
  }

  /// A lifecycle change: the statuses it starts from, where it ends, and the words of its 409.
  struct Transition: Sendable {
    let from: [ActivationStatus]
    let target: ActivationStatus
    let verb: String
    /// "ACTIVE or SUSPENDED": worked out once, not on every refused call.
    let expected: String
    let accepted: String

    init(from: [ActivationStatus], to target: ActivationStatus, verb: String) {
      self.from = from
      self.target = target
      self.verb = verb
      expected = from.map(\.name).sorted().joined(separator: " or ")
      accepted = "\(verb) accepted; follow customerinfo until the status changes"
    }

    static let suspend = Transition(from: [.active], to: .suspended, verb: "suspend")
    static let restore = Transition(from: [.suspended], to: .active, verb: "restore")
    static let disconnect = Transition(from: [.active, .suspended], to: .disconnected, verb: "disconnect")
    static let reconnect = Transition(from: [.disconnected], to: .active, verb: "reconnect")
  }

  /// Starts lifecycle change `change` of line `c`, landing at `due`, or 409 when another is in
  /// progress or the line is not in a status the change starts from.
  mutating func begin(_ change: Transition, of c: SandboxCustomer, due: SandboxTime) throws(SandboxError) {
    guard c.pending == nil else { throw .conflict("a status change is already in progress for this customer") }
    guard change.from.contains(c.status) else {
      throw .conflict(
        "cannot \(change.verb) a line that is \(c.status.name) (\(c.status.rawValue)); it must be \(change.expected)")
    }
    self[c.customerId]?.pending = PendingStatus(target: change.target, at: due)
    // A line that comes back is no longer leaving.
    if change.from.contains(.disconnected) { self[c.customerId]?.leaving = nil }
  }

  /// Moves the primary designation from line `primaryId` to line `secondaryId` of the same
  /// account, or says why not (400, 404 or 409).
  mutating func swapPrimary(from primaryId: String, to secondaryId: String) throws(SandboxError) {
    guard primaryId != secondaryId else {
      throw .badRequest([
        ArgumentIssue(field: "secondaryCustomerId", message: "must be another line than primaryCustomerId")
      ])
    }
    guard let primary = self[primaryId] else { throw .notFound("no customer with this primaryCustomerId") }
    guard let secondary = self[secondaryId] else { throw .notFound("no customer with this secondaryCustomerId") }
    guard primary.groupId == secondary.groupId else {
      throw .conflict(
        "the two lines belong to different accounts (groupId \(primary.groupId) and \(secondary.groupId)); "
          + "only lines of one account can swap")
    }
    guard primary.isPrimary else {
      let already = secondary.isPrimary ? " (the secondary line is primary already: the swap may have happened)" : ""
      throw .conflict("primaryCustomerId is not the account's primary line\(already); customerinfo shows isPrimary")
    }
    guard secondary.status != .disconnected else {
      throw .conflict("a disconnected line cannot become primary; reconnect it first")
    }
    self[primaryId]?.isPrimary = false
    self[secondaryId]?.isPrimary = true
  }
}
