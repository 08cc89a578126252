/// Where a playbook, or a playbook it uses, plays the customer: those steps need a sandbox.
public enum CustomerSteps {
  /// The `customer` steps of the playbook at `path` and of every file it uses, in order.
  public static func locations(in path: String, source: PlaybookSource = .fileSystem) -> [SourceLocation] {
    UsedSteps.locations(in: path, source: source) { if case .customer = $0 { true } else { false } }
  }
}

/// Where a playbook, or a playbook it uses, waits for a webhook event: those steps need a receiver.
public enum WaitForSteps {
  /// The `wait_for` steps of the playbook at `path` and of every file it uses, in order.
  public static func locations(in path: String, source: PlaybookSource = .fileSystem) -> [SourceLocation] {
    UsedSteps.locations(in: path, source: source) { if case .waitFor = $0 { true } else { false } }
  }
}

/// The steps of a kind in a playbook and every file it uses.
enum UsedSteps {
  static func locations(in path: String, source: PlaybookSource, matching: (StepKind) -> Bool) -> [SourceLocation] {
    var seen: Set<String> = []
    var found: [SourceLocation] = []
    func visit(_ file: String) {
      guard seen.insert(file).inserted, let playbook = source.load(file)?.playbook else { return }
      for step in playbook.allSteps {
        if matching(step.kind) { found.append(step.location) }
        if case .use(let use) = step.kind { visit(PlaybookPath.resolve(use.path.value, relativeTo: file)) }
      }
    }
    visit(path)
    return found
  }
}
