public import ReachEndpoints

/// Proves a playbook sound before anything is sent: endpoints exist, arguments satisfy the
/// catalogue, references point backwards at things that exist, `use` files exist without cycles,
/// polls can end, foreach walks lists, step ids are unique. Every problem of every file is reported.
/// A value outside an enum that this project assumed (the guide lists no values) is a warning,
/// unless `strictContract` makes it an error.
public struct PlaybookValidator: Sendable {
  public var registry: EndpointRegistry
  public var source: PlaybookSource
  /// `--strict-contract`: refuse values outside the catalogue's assumed enums too.
  public var strictContract: Bool

  public init(
    registry: EndpointRegistry = .standard, source: PlaybookSource = .fileSystem, strictContract: Bool = false
  ) {
    self.registry = registry
    self.source = source
    self.strictContract = strictContract
  }

  /// Every problem (errors and warnings) of the playbook at `path` and of the files it uses, sorted
  /// by position.
  public func validate(file path: String) -> [Diagnostic] {
    validated(file: path).diagnostics
  }

  /// The playbook at `path` proven sound, with every problem found (warnings too, sorted by
  /// position); no playbook when any is an error. What a run executes: the runner takes the
  /// proof and does not validate again.
  public func validated(file path: String) -> Validation {
    var session = ValidationSession(validator: self)
    guard let result = source.load(path) else {
      return Validation(
        diagnostics: [Diagnostic(SourceLocation(file: path, line: 1, column: 1), "cannot read '\(path)'")],
        playbook: nil)
    }
    session.check(root: path, result: result)
    let diagnostics = session.diagnostics.sorted()
    guard !diagnostics.hasErrors, let playbook = result.playbook else {
      return Validation(diagnostics: diagnostics, playbook: nil)
    }
    return Validation(
      diagnostics: diagnostics, playbook: ValidatedPlaybook(playbook: playbook, strictContract: strictContract))
  }

  /// `playbook` (parsed already) proven sound, as `validated(file:)`.
  public func validated(_ playbook: Playbook) -> Validation {
    let diagnostics = validate(playbook)
    guard !diagnostics.hasErrors else { return Validation(diagnostics: diagnostics, playbook: nil) }
    return Validation(
      diagnostics: diagnostics, playbook: ValidatedPlaybook(playbook: playbook, strictContract: strictContract))
  }

  /// Every problem of several playbooks (and the files they use), each file checked and reported
  /// once even when several use it. Directories stand for the `.yaml` and `.yml` files under them.
  public func validate(files paths: [String]) -> [Diagnostic] {
    var session = ValidationSession(validator: self)
    for path in PlaybookFiles.expand(paths) where session.checked[path] == nil {
      guard let result = source.load(path) else {
        session.diagnostics.append(Diagnostic(SourceLocation(file: path, line: 1, column: 1), "cannot read '\(path)'"))
        continue
      }
      session.check(root: path, result: result)
    }
    return Array(Set(session.diagnostics)).sorted()
  }

  /// Every problem of a parsed playbook and of the files it uses.
  public func validate(_ playbook: Playbook) -> [Diagnostic] {
    var session = ValidationSession(validator: self)
    session.check(root: playbook.file, result: ParseResult(playbook: playbook, diagnostics: []))
    return session.diagnostics.sorted()
  }
}

/// What validating one playbook found: every problem, and the proven playbook when none is an
/// error.
public struct Validation: Sendable {
  /// Errors and warnings, sorted by position.
  public let diagnostics: [Diagnostic]
  /// Nil when a diagnostic is an error (or the file cannot be read).
  public let playbook: ValidatedPlaybook?
}

/// A playbook that `PlaybookValidator` proved sound, with the files it uses. Only the validator
/// makes one, so whoever holds one need not validate again.
public struct ValidatedPlaybook: Sendable {
  public let playbook: Playbook
  /// Whether values outside the catalogue's assumed enums were refused (`--strict-contract`).
  public let strictContract: Bool

  public var file: String { playbook.file }
}

/// One run of the validator over a playbook and the files it uses, each checked once.
struct ValidationSession {
  let validator: PlaybookValidator
  var diagnostics: [Diagnostic] = []
  /// Files already checked, with their parsed playbook (for the outputs and inputs of `use`).
  var checked: [String: Playbook?] = [:]
  /// The steps each file expands to with the files it uses (see `expandedSteps(of:depth:active:)`).
  var expanded: [String: Int] = [:]

  init(validator: PlaybookValidator) {
    self.validator = validator
  }

  /// Checks the file at `path` and, depth first, the files it uses. `stack` holds the files that
  /// use it, outermost first; it is grown and shrunk in place, never copied.
  mutating func check(path: String, result: ParseResult, stack: inout [String]) {
    checked[path] = .some(result.playbook)
    diagnostics += result.diagnostics
    guard let playbook = result.playbook else { return }
    var used: [String: Playbook] = [:]
    stack.append(path)
    defer { stack.removeLast() }
    for step in playbook.allSteps {
      guard case .use(let use) = step.kind else { continue }
      let target = PlaybookPath.resolve(use.path.value, relativeTo: path)
      if let cycleStart = stack.firstIndex(of: target) {
        let chain = stack[cycleStart...] + [target]
        diagnostics.append(
          Diagnostic(use.path.location, "\(step.reference) makes a use cycle: \(chain.joined(separator: " → "))"))
        continue
      }
      if let known = checked[target] {
        if let playbook = known { used[target] = playbook }
        continue
      }
      // `stack` holds this file and those that use it: the target would be this deep.
      guard stack.count <= PlaybookLimits.useDepth else {
        diagnostics.append(
          Diagnostic(
            use.path.location,
            "\(step.reference) uses '\(use.path.value)' \(stack.count) files deep; `use` may nest at most "
              + "\(PlaybookLimits.useDepth) files deep"))
        continue
      }
      guard let loaded = validator.source.load(target) else {
        diagnostics.append(
          Diagnostic(
            use.path.location, "\(step.reference) uses '\(use.path.value)', which does not exist (looked for \(target))"
          ))
        checked[target] = .some(nil)
        continue
      }
      check(path: target, result: loaded, stack: &stack)
      if let playbook = loaded.playbook { used[target] = playbook }
    }
    var checker = PlaybookChecker(playbook: playbook, registry: validator.registry, used: used)
    checker.strictContract = validator.strictContract
    checker.run()
    diagnostics += checker.diagnostics
  }

  /// Checks the file at `path` and the files it uses (see `check(path:result:stack:)`), then the
  /// steps they expand to.
  mutating func check(root path: String, result: ParseResult) {
    var stack: [String] = []
    check(path: path, result: result, stack: &stack)
    var active: Set<String> = []
    _ = expandedSteps(of: path, depth: 0, active: &active)
  }

  /// The steps the checked file at `path` expands to, each `use` counted as the steps of its file,
  /// at most `PlaybookLimits.expandedSteps + 1`. Each file is counted once: files that use one
  /// another many times over cost one pass each. The innermost file whose steps pass the limit is
  /// refused at the step where they do.
  private mutating func expandedSteps(of path: String, depth: Int, active: inout Set<String>) -> Int {
    if let known = expanded[path] { return known }
    // A cycle, a file beyond the `use` depth or one that did not parse is refused already.
    guard depth <= PlaybookLimits.useDepth, let playbook = checked[path] ?? nil, active.insert(path).inserted
    else { return 0 }
    defer { active.remove(path) }
    let limit = PlaybookLimits.expandedSteps
    var total = 0
    for step in playbook.allSteps {
      var count = 1
      var usedBeyond = false
      if case .use(let use) = step.kind {
        let target = PlaybookPath.resolve(use.path.value, relativeTo: path)
        let steps = expandedSteps(of: target, depth: depth + 1, active: &active)
        usedBeyond = steps > limit
        count += steps
      }
      total = min(total + count, limit + 1)
      guard total > limit else { continue }
      // A used file beyond the limit was refused where it passed it.
      if !usedBeyond {
        diagnostics.append(
          Diagnostic(
            step.location,
            "with the files it uses, \(path) passes \(limit) steps at \(step.reference) (each `use` counts "
              + "the steps of the file it uses); a playbook may expand to at most \(limit) steps: use files fewer "
              + "times over, or loop with foreach"))
      }
      break
    }
    expanded[path] = total
    return total
  }
}
