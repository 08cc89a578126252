import Playbook
import ReachCatalogue

/// `foreach`: runs the body once per item, at most `concurrency` items at a time. Each item runs
/// on its own copy of the state (so `set` inside stays inside); `steps.<id>.results` keeps each
/// item's step results in item order, whatever order they finished in. After an item fails no
/// new item starts, and the step fails with the first failing item's failure.
struct ForeachExecutor: Sendable {
  let context: RunContext

  func run(_ foreach: ForeachStep, _ step: Step, _ state: inout RunState) async throws(StepFailure)
    -> StepExecutor.StepResult
  {
    let value: JSONValue
    do {
      value = try foreach.items.evaluate(in: state.environment(context))
    } catch {
      throw StepFailure.from(error)
    }
    if let name = Self.streamedInput(foreach.items), let input = state.streams[name] {
      return try await BulkForeachExecutor(context: context).run(foreach, step, input, &state)
    }
    guard let items = value.arrayValue else {
      throw StepFailure.failed("\(step.reference) needs a list to walk, but got \(value.withArticle)")
    }
    // Items side by side inside a bulk row would give up the row's one place more than once:
    // they keep it while they wait.
    let itemContext = foreach.concurrency > 1 ? context.with { $0.admission = nil } : context
    let executor = StepExecutor(context: itemContext)
    let secret = state.readsSecret(foreach.items)
    let base = state
    let label = step.label
    let outcomes = await withTaskGroup(of: (Int, Result<[String: JSONValue], StepFailure>).self) { group in
      var results = [Result<[String: JSONValue], StepFailure>?](repeating: nil, count: items.count)
      func add(_ index: Int) {
        var itemState = base
        itemState.bind(foreach.itemName, items[index], secret: secret, context.masker)
        itemState.scope.append("\(label)[\(index)]")
        group.addTask { [itemState] in
          var itemState = itemState
          do throws(StepFailure) {
            try await executor.run(foreach.steps, &itemState)
            var own: [String: JSONValue] = [:]
            for inner in foreach.steps.flatMap(\.selfAndDescendants) {
              if let id = inner.id?.value, let result = itemState.steps[id] { own[id] = result }
            }
            return (index, .success(own))
          } catch {
            // `skip` ends this item only.
            if case .skipped(let reason) = error { return (index, .success(["skipped": .string(reason)])) }
            return (index, .failure(error))
          }
        }
      }
      var next = 0
      while next < min(foreach.concurrency, items.count) {
        add(next)
        next += 1
      }
      // After a failure no new item starts; the ones in flight finish.
      var failed = false
      while let (index, result) = await group.next() {
        results[index] = result
        if case .failure = result { failed = true }
        if !failed, next < items.count {
          add(next)
          next += 1
        }
      }
      return results
    }
    var collected: [JSONValue] = []
    for outcome in outcomes {
      switch outcome {
      case .success(let own): collected.append(.object(own))
      case .failure(let failure): throw failure
      case nil: continue
      }
    }
    return StepExecutor.StepResult(value: ["results": .array(collected)])
  }

  /// `foreach: ${{ inputs.<name> }}`: the input's name, when the items are exactly an input.
  static func streamedInput(_ items: TemplateValue) -> String? {
    guard case .template(let template) = items.kind, let path = template.single?.root.path, path.count == 2,
      path[0] == "inputs"
    else { return nil }
    return path[1]
  }
}
