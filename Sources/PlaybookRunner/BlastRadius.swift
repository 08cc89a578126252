public import Playbook
public import ReachCatalogue

/// What a bulk run would touch: every `foreach` over a streamed csv input, with the rows the
/// validation pass counted and the state-changing endpoints its steps call. Against a target that
/// is not a sandbox, a run whose loops change state is refused until the operator confirms the
/// row count (`--yes` or `--confirm <rows>`); `--max-rows` refuses any bulk run over its cap.
public struct BlastRadius: Sendable, Equatable {
  /// One `foreach` over a streamed csv input.
  public struct Loop: Sendable, Equatable {
    /// The foreach step's id (or name).
    public var step: String
    /// The csv input it reads, and the file.
    public var input: String
    public var path: String
    /// Good rows, as counted by the validation pass (bad rows are never run).
    public var rows: Int
    /// The endpoint ids its steps call that change state (in the files they `use` too), in
    /// order, each once.
    public var actions: [String]
    /// Good rows the run being resumed finished: not run again.
    public var done: Int

    public init(step: String, input: String, path: String, rows: Int, actions: [String], done: Int = 0) {
      self.step = step
      self.input = input
      self.path = path
      self.rows = rows
      self.actions = actions
      self.done = done
    }

    /// The rows this run will run.
    public var toDo: Int { max(0, rows - done) }
  }

  public var loops: [Loop]

  public init(loops: [Loop]) { self.loops = loops }

  /// Rows still to run by loops that change state: what `--confirm` must repeat.
  public var changingRows: Int { loops.filter { !$0.actions.isEmpty }.reduce(0) { $0 + $1.toDo } }
  /// Rows still to run by every bulk loop: what `--max-rows` caps.
  public var rows: Int { loops.reduce(0) { $0 + $1.toDo } }
  /// Rows of state-changing loops that the run being resumed finished.
  public var changingDone: Int { loops.filter { !$0.actions.isEmpty }.reduce(0) { $0 + min($1.done, $1.rows) } }
  /// Whether a loop calls an endpoint that changes state.
  public var changesState: Bool { loops.contains { !$0.actions.isEmpty } }

  /// The bulk loops of `playbook` over the scanned `streams`, with the state-changing calls of
  /// their steps and of the files those steps `use` (and those files use, in turn). `finished`:
  /// the lines a run being resumed finished, which this run does not run again.
  public static func of(
    _ playbook: Playbook, streams: [String: CSVInput], finished: Set<Int> = [], source: PlaybookSource = .fileSystem
  ) -> BlastRadius {
    var loops: [Loop] = []
    for step in playbook.allSteps {
      guard case .foreach(let foreach) = step.kind, let name = ForeachExecutor.streamedInput(foreach.items),
        let stream = streams[name]
      else { continue }
      var actions: [String] = []
      var visited: Set<String> = [playbook.file]
      collectActions(foreach.steps, file: playbook.file, source: source, into: &actions, visited: &visited)
      let done = finished.filter { stream.badRows[$0] == nil }.count
      loops.append(
        Loop(
          step: step.label, input: name, path: stream.path, rows: stream.goodRowCount, actions: actions, done: done))
    }
    return BlastRadius(loops: loops)
  }

  /// The state-changing endpoints `steps` call, looking into the files they `use`.
  private static func collectActions(
    _ steps: [Step], file: String, source: PlaybookSource, into actions: inout [String], visited: inout Set<String>
  ) {
    for inner in steps.flatMap(\.selfAndDescendants) {
      switch inner.kind {
      case .call(let call):
        if Catalogue.endpoint(call.endpoint.value)?.changesState == true, !actions.contains(call.endpoint.value) {
          actions.append(call.endpoint.value)
        }
      case .use(let use):
        let path = PlaybookPath.resolve(use.path.value, relativeTo: file)
        guard visited.insert(path).inserted, let used = source.load(path)?.playbook else { continue }
        collectActions(used.steps, file: path, source: source, into: &actions, visited: &visited)
      default:
        continue
      }
    }
  }

  /// The playbook at `path` with `given` inputs, its csv inputs scanned once (streaming). Nil
  /// when the playbook or its inputs do not load: the run refuses them itself, sending nothing.
  public static func of(
    file path: String, inputs given: [String: JSONValue], onBadRow: BadRowPolicy = .stop,
    source: PlaybookSource = .fileSystem, finished: Set<Int> = []
  ) -> BlastRadius? {
    guard let playbook = source.load(path)?.playbook,
      let (_, streams) = try? InputResolver(source: source, onBadRow: onBadRow).resolveStreaming(
        playbook, given: given)
    else { return nil }
    return of(playbook, streams: streams, finished: finished, source: source)
  }

  /// What the run will do, printed before a state-changing run against a target that is not a sandbox.
  public func lines(target: String) -> [String] {
    var lines = ["this run changes state on \(target), which is not a sandbox:"]
    for loop in loops where !loop.actions.isEmpty {
      let rows =
        loop.done == 0
        ? "\(loop.rows) row\(loop.rows == 1 ? "" : "s") of \(loop.path)"
        : "\(loop.toDo) row\(loop.toDo == 1 ? "" : "s") still to do of the \(loop.rows) of \(loop.path) "
          + "(\(loop.done) done by the run being resumed)"
      lines.append("  \(loop.step): \(rows) (input \(loop.input)), calling \(loop.actions.joined(separator: ", "))")
    }
    return lines
  }

  /// Refuses the run unless it may go: over `maxRows` on any target; against a target that is not
  /// a sandbox, a state-changing run without `yes` or a `confirm` equal to `changingRows`. A
  /// `confirm` that differs from the count is refused on every target.
  public func check(sandbox: Bool, yes: Bool, confirm: Int?, maxRows: Int?) throws(BlastRadiusError) {
    if let maxRows, rows > maxRows { throw .overMaxRows(rows: rows, max: maxRows) }
    guard changesState else { return }
    if let confirm, confirm != changingRows {
      throw .confirmMismatch(given: confirm, counted: changingRows, done: changingDone)
    }
    if sandbox || yes || confirm != nil { return }
    throw .unconfirmed(rows: changingRows)
  }
}

/// Why a bulk run was refused before anything was sent.
public enum BlastRadiusError: Error, Equatable, CustomStringConvertible {
  case unconfirmed(rows: Int)
  /// `done`: rows the run being resumed finished, not counted in `counted`.
  case confirmMismatch(given: Int, counted: Int, done: Int = 0)
  case overMaxRows(rows: Int, max: Int)

  public var description: String {
    switch self {
    case .unconfirmed(let rows):
      "nothing was sent: confirm the \(rows) row\(rows == 1 ? "" : "s") above with --confirm \(rows) (or --yes), "
        + "or rehearse first without --target (the embedded sandbox) or with --dry-run"
    case .confirmMismatch(let given, let counted, let done) where done > 0:
      "nothing was sent: --confirm \(given) does not match the \(counted) row\(counted == 1 ? "" : "s") still to do "
        + "(\(done) of the input's \(counted + done) are done by the run being resumed); give --confirm \(counted)"
    case .confirmMismatch(let given, let counted, _):
      "nothing was sent: --confirm \(given) does not match the \(counted) row\(counted == 1 ? "" : "s") counted "
        + "in the input; check the file, then give --confirm \(counted)"
    case .overMaxRows(let rows, let max):
      "nothing was sent: the input has \(rows) row\(rows == 1 ? "" : "s"), over --max-rows \(max); "
        + "split the file, or raise --max-rows"
    }
  }
}

extension Playbook {
  /// Whether the playbook has a bulk loop: a foreach over a csv input that declares its columns,
  /// streamed row by row (what `--report csv=PATH` lists).
  public var hasBulkLoop: Bool { bulkInput != nil }

  /// The csv input the first bulk loop streams (whose failed rows a csv report gives back).
  public var bulkInput: Input? {
    for step in allSteps {
      guard case .foreach(let foreach) = step.kind, let name = ForeachExecutor.streamedInput(foreach.items),
        let input = input(named: name), input.columns != nil
      else { continue }
      return input
    }
    return nil
  }
}
