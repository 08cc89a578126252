public import Playbook
public import ReachCatalogue

extension PlaybookRunner {
  /// What `run` would send, without sending anything: validates, resolves inputs, then plans.
  /// Returns the plan, or the diagnostics that would stop the run.
  public func plan(file path: String, inputs given: [String: JSONValue] = [:]) -> Result<RunPlan, PlanFailure> {
    let validation = validator.validated(file: path)
    guard let playbook = validation.playbook?.playbook else {
      return .failure(PlanFailure(diagnostics: validation.diagnostics.errors))
    }
    let inputs: [String: JSONValue]
    do {
      inputs = try InputResolver(source: source).resolve(playbook, given: given)
    } catch {
      return .failure(
        PlanFailure(diagnostics: [Diagnostic(SourceLocation(file: path, line: 1, column: 1), error.description)]))
    }
    var builder = PlanBuilder(context: context(emit: { _ in }), registry: registry)
    var state = RunState(file: playbook.file, inputs: inputs)
    state.taintSecretInputs(of: playbook, masker: masker)
    builder.plan(playbook, &state, depth: 0)
    return .success(RunPlan(entries: builder.entries))
  }
}

extension PlaybookRunner {
  /// `plan(file:inputs:)` that hands each entry to `output` as it is planned and reads csv inputs
  /// that declare their columns as streams (checked by one pass, then planned row by row): memory
  /// stays flat for any file. Returns the diagnostics that would stop the run, if any.
  public func plan(
    file path: String, inputs given: [String: JSONValue] = [:], output: @escaping (PlanEntry) -> Void
  ) -> PlanFailure? {
    let validation = validator.validated(file: path)
    guard let playbook = validation.playbook else {
      return PlanFailure(diagnostics: validation.diagnostics.errors)
    }
    return plan(playbook, inputs: given, output: output)
  }

  /// `plan(file:inputs:output:)` of a playbook validated already, without validating it again
  /// (unless it was proven under a looser contract than this runner's `strictContract`).
  public func plan(
    _ validated: ValidatedPlaybook, inputs given: [String: JSONValue] = [:],
    output: @escaping (PlanEntry) -> Void
  ) -> PlanFailure? {
    let playbook: Playbook
    switch proof(of: validated) {
    case .success(let proven): playbook = proven.playbook
    case .failure(let failure): return failure
    }
    let path = playbook.file
    let inputs: [String: JSONValue]
    let streams: [String: CSVInput]
    do {
      (inputs, streams) = try InputResolver(source: source, onBadRow: onBadRow).resolveStreaming(playbook, given: given)
    } catch {
      return PlanFailure(diagnostics: [Diagnostic(SourceLocation(file: path, line: 1, column: 1), error.description)])
    }
    var builder = PlanBuilder(context: context(emit: { _ in }), registry: registry)
    builder.streams = streams
    builder.output = output
    var state = RunState(file: playbook.file, inputs: inputs)
    state.taintSecretInputs(of: playbook, masker: masker)
    builder.plan(playbook, &state, depth: 0)
    return nil
  }
}

/// Why there is no plan: the playbook or its inputs are invalid (exit 2).
public struct PlanFailure: Error, Sendable, Hashable {
  public var diagnostics: [Diagnostic]
}
