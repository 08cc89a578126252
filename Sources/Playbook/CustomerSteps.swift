/// Where a playbook, or a playbook it uses, plays the customer: those steps need a sandbox.
public enum CustomerSteps {
  /// The `customer` steps of the playbook at `path` and of every file it uses, in order.
  public static func locations(in path: String, source: PlaybookSource = .fileSystem) -> [SourceLocation] {
    var seen: Set<String> = []
    var found: [SourceLocation] = []
    func visit(_ file: String) {
      guard seen.insert(file).inserted, let playbook = source.load(file)?.playbook else { return }
      for step in playbook.allSteps {
        switch step.kind {
        case .customer: found.append(step.location)
        case .use(let use): visit(PlaybookPath.resolve(use.path.value, relativeTo: file))
        default: break
        }
      }
    }
    visit(path)
    return found
  }
}
