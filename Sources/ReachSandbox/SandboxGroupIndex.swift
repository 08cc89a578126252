/// The account groups (`groupId`) that have lines, so `groupExists` answers `ild.status`,
/// `ild.usage` and `roaming.packGroup` from a lookup instead of a scan of every line. A line is
/// never removed and never changes group, so the index only grows: it is filled where lines are
/// created (a completed purchase, `--customers`) and rebuilt from the lines on restore.
///
/// A `--customers` subscriber's own group (`GRP-` and its customerId) is found from the line
/// itself, so it is not stored: a million seeded subscribers cost the index nothing.
struct SandboxGroupIndex: Sendable {
  private var groups: Set<String> = []

  /// Records the group of a line that was created or restored.
  mutating func insert(_ line: SandboxCustomer) {
    guard line.groupId != Self.ownGroupPrefix + line.customerId else { return }
    groups.insert(line.groupId)
  }

  /// Whether a line of `customers` belongs to `groupId`.
  func contains(_ groupId: String, in customers: TrackedTable<SandboxCustomer>) -> Bool {
    if groupId.hasPrefix(Self.ownGroupPrefix),
      customers[String(groupId.dropFirst(Self.ownGroupPrefix.count))]?.groupId == groupId
    {
      return true
    }
    return groups.contains(groupId)
  }

  private static let ownGroupPrefix = "GRP-"
}
