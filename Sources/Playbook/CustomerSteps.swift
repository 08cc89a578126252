public import ReachCatalogue

/// Where a playbook, or a playbook it uses, plays the customer: reach does it on a sandbox, a
/// person against any other target.
public enum CustomerSteps {
  /// The `customer` steps of the playbook at `path` and of every file it uses, in order; with
  /// `inputs`, only those that may run for them (see `WaitForSteps`).
  public static func locations(
    in path: String, inputs: [String: JSONValue]? = nil, source: PlaybookSource = .fileSystem
  ) -> [SourceLocation] {
    UsedSteps.locations(in: path, inputs: inputs, source: source) { if case .customer = $0 { true } else { false } }
  }
}

/// Where a playbook, or a playbook it uses, waits for a webhook event: those steps need a receiver.
public enum WaitForSteps {
  /// The `wait_for` steps of the playbook at `path` and of every file it uses that may run with
  /// `inputs` (the values given): a step whose `if` reads only inputs and does not hold for them
  /// (e.g. `inputs.mode == 'callbacks'` with `--var mode=polling`) is left out.
  public static func locations(
    in path: String, inputs: [String: JSONValue], source: PlaybookSource = .fileSystem
  ) -> [SourceLocation] {
    UsedSteps.locations(in: path, inputs: inputs, source: source) { if case .waitFor = $0 { true } else { false } }
  }
}

/// Where a playbook, or a playbook it uses, stores values in a file the inputs name.
public enum StoreSteps {
  /// The `to_file` of each `store` step of the playbook at `path` and every file it uses that
  /// may run with `inputs`, where the inputs alone give it (a path known before the run).
  public static func files(
    in path: String, inputs: [String: JSONValue], source: PlaybookSource = .fileSystem
  ) -> [(location: SourceLocation, path: String)] {
    var found: [(SourceLocation, String)] = []
    UsedSteps.visit(in: path, inputs: inputs, source: source) { step, environment in
      guard case .store(let store) = step.kind, let file = store.file, let environment,
        let value = try? file.evaluate(in: environment), !value.isNull
      else { return }
      found.append((file.location, value.interpolated))
    }
    return found
  }
}

/// The steps of a kind in a playbook and every file it uses. With `inputs`, steps that cannot
/// run for those inputs are left out; a condition that reads anything but inputs may hold.
enum UsedSteps {
  static func locations(
    in path: String, inputs: [String: JSONValue]?, source: PlaybookSource, matching: (StepKind) -> Bool
  ) -> [SourceLocation] {
    var found: [SourceLocation] = []
    visit(in: path, inputs: inputs, source: source) { step, _ in
      if matching(step.kind) { found.append(step.location) }
    }
    return found
  }

  /// Calls `body` with each step that may run, and the environment of the known inputs of its
  /// file (nil when they are not known before the run). A file used several times is walked each
  /// time (its inputs may differ), read once; a validated playbook expands to at most
  /// `PlaybookLimits.expandedSteps` steps.
  static func visit(
    in path: String, inputs: [String: JSONValue]?, source: PlaybookSource,
    _ body: (Step, ExpressionEnvironment?) -> Void
  ) {
    var active: Set<String> = []
    // Each file is read and parsed once however many times it is used.
    var loaded: [String: Playbook?] = [:]
    func load(_ file: String) -> Playbook? {
      if let known = loaded[file] { return known }
      let playbook = source.load(file)?.playbook
      loaded[file] = .some(playbook)
      return playbook
    }

    func environment(_ inputs: [String: JSONValue]) -> ExpressionEnvironment {
      ExpressionEnvironment(names: ["inputs": .object(inputs)], now: { "" }, uuid: { "" })
    }

    func visit(_ file: String, _ given: [String: JSONValue]?) {
      // A file on the current `use` chain is a cycle (validation reports it).
      guard active.insert(file).inserted, let playbook = load(file) else { return }
      defer { active.remove(file) }
      let inputs = given.map { given in
        var all = given
        for input in playbook.inputs where all[input.name] == nil { all[input.name] = input.defaultValue ?? .null }
        return all
      }
      walk(playbook.steps, file, inputs)
    }

    func walk(_ steps: [Step], _ file: String, _ inputs: [String: JSONValue]?) {
      for step in steps {
        // The walk is bounded by the steps a valid playbook may expand to; a cancelled task
        // (Ctrl-C, SIGTERM) stops it sooner.
        if Task.isCancelled { return }
        if let condition = step.condition, let inputs,
          let value = try? condition.evaluate(in: environment(inputs)), !value.isTruthy
        {
          continue
        }
        body(step, inputs.map(environment))
        if case .use(let use) = step.kind {
          // The used file's inputs, when every one given is known before the run.
          var passed: [String: JSONValue]? = inputs.map { _ in [:] }
          for entry in use.arguments {
            guard let inputs, let value = try? entry.value.evaluate(in: environment(inputs)) else {
              passed = nil
              break
            }
            passed?[entry.key] = value
          }
          visit(PlaybookPath.resolve(use.path.value, relativeTo: file), passed)
        }
        walk(step.children, file, inputs)
      }
    }

    visit(path, inputs)
  }
}
