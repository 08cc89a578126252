/// The `name:` of every step of a playbook and of the files it uses, by where the step is
/// written: reports show a step's name beside its id.
public enum StepNames {
  public static func collect(in path: String, source: PlaybookSource = .fileSystem) -> [SourceLocation: String] {
    var seen: Set<String> = []
    var names: [SourceLocation: String] = [:]
    func visit(_ file: String) {
      guard seen.insert(file).inserted, let playbook = source.load(file)?.playbook else { return }
      for step in playbook.allSteps {
        if let name = step.name { names[step.location] = name }
        if case .use(let use) = step.kind { visit(PlaybookPath.resolve(use.path.value, relativeTo: file)) }
      }
    }
    visit(path)
    return names
  }
}
