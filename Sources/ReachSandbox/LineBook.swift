/// The lines of service (the platform's customers): one part of `SandboxState`, owning the line
/// table and the index of the groups that have lines. A line is changed in place through the
/// subscript; one is added with `add`, so its group is indexed. The rules that move a line
/// (activation, port-in, suspend and restore, swaps, plan changes, leaving) also number it,
/// schedule what falls due and send callbacks, so they stay on the actor.
struct LineBook: Sendable {
  /// Lines by customerId (their rows in the state file).
  private(set) var lines = TrackedTable<SandboxCustomer>()
  /// The groups that have lines, for `hasGroup`.
  private var groups = SandboxGroupIndex()

  init() {}

  /// The book a state file's lines imply, the group index rebuilt.
  init(lines: TrackedTable<SandboxCustomer>) {
    self.lines = lines
    for line in lines.values { groups.insert(line) }
  }

  /// Turns change tracking on or off (on with a state file).
  mutating func track(_ on: Bool) { lines.tracking = on }

  /// Once the changes are saved.
  mutating func forgetChanges() { lines.forgetChanges() }

  /// A line, read or changed in place (never moved to another group). A new line goes through
  /// `add`.
  subscript(customerId: String) -> SandboxCustomer? {
    get { lines[customerId] }
    set { lines[customerId] = newValue }
  }

  var count: Int { lines.count }

  mutating func reserveCapacity(_ capacity: Int) { lines.reserveCapacity(capacity) }

  /// Adds a new line, and its group to the index.
  mutating func add(_ line: SandboxCustomer) {
    lines[line.customerId] = line
    groups.insert(line)
  }

  /// Whether any line belongs to `groupId`.
  func hasGroup(_ groupId: String) -> Bool { groups.contains(groupId, in: lines) }
}
