import ReachCatalogue

/// A short asynchronous change of one line, done `delay` after it was made: an immediate plan
/// change, an MDN swap, a SIM swap, an account reset. `applied` once the line shows it.
protocol LineChange: Sendable {
  var id: String { get }
  var customerId: String { get }
  var createdAt: SandboxTime { get }
  var applied: Bool { get set }
  static var delay: Duration { get }
}

extension LineChange {
  /// The moment the change is done.
  var dueAt: SandboxTime { createdAt.adding(Self.delay) }

  func state(at now: SandboxTime) -> TransactionState { now < dueAt ? .inProgress : .completed }
}

/// One kind of line change, by id (its rows in the state file), and each line's, oldest first:
/// `LineBook`'s plan changes and its jobs.
struct LineChanges<Change: LineChange>: Sendable {
  private(set) var table: TrackedTable<Change>
  private var byLine: [String: [String]] = [:]

  /// The changes a state file holds, each line's in creation order (ids carry the sandbox-wide
  /// sequence number).
  init(_ table: TrackedTable<Change> = TrackedTable()) {
    self.table = table
    for change in inCreationOrder { byLine[change.customerId, default: []].append(change.id) }
  }

  /// Every change, oldest first.
  var inCreationOrder: [Change] {
    table.values.sorted { SandboxRestored.order($0.id) < SandboxRestored.order($1.id) }
  }

  subscript(id: String) -> Change? { table[id] }

  /// Whether the line has a change still in progress.
  func hasOpen(_ customerId: String) -> Bool {
    byLine[customerId, default: []].contains { table[$0]?.applied == false }
  }

  /// Files a new change, last of its line's.
  mutating func file(_ change: Change) {
    table[change.id] = change
    byLine[change.customerId, default: []].append(change.id)
  }

  /// Marks change `id` applied if it is done by `now` and was not applied yet; returns it then
  /// (the caller applies it to the line), nil otherwise.
  mutating func apply(_ id: String, at now: SandboxTime) -> Change? {
    guard let change = table[id], !change.applied, change.state(at: now) == .completed else { return nil }
    table[id]?.applied = true
    return change
  }

  /// The line's latest change that `matches`.
  func latest(of customerId: String, where matches: (Change) -> Bool) -> Change? {
    byLine[customerId, default: []].lazy.reversed().compactMap { table[$0] }.first(where: matches)
  }

  /// Turns change tracking on or off (on with a state file).
  mutating func track(_ on: Bool) { table.tracking = on }

  /// Once the changes are saved.
  mutating func forgetChanges() { table.forgetChanges() }
}
