public import ReachCatalogue
import Synchronization

/// Where the platform's answers differ from the catalogue over a run (issue 16): each
/// difference once, with how often it came and the step that first met it. The console prints a
/// difference when it is new; `--report drift=PATH` and the sign-off reports list them all.
public final class ContractDrift: Sendable {
  public struct Entry: Sendable, Hashable {
    public var difference: ContractDifference
    public var count: Int
    /// The step that first met it (`Purchase › Poll the purchase`).
    public var firstStep: String
  }

  private let state = Mutex<(order: [ContractDifference], entries: [ContractDifference: Entry])>(([], [:]))

  public init() {}

  /// Counts `differences` met at `step`; returns those not met before.
  func record(_ differences: [ContractDifference], step: String) -> [ContractDifference] {
    state.withLock { state in
      var new: [ContractDifference] = []
      for difference in differences {
        if state.entries[difference] != nil {
          state.entries[difference]!.count += 1
        } else {
          state.entries[difference] = Entry(difference: difference, count: 1, firstStep: step)
          state.order.append(difference)
          new.append(difference)
        }
      }
      return new
    }
  }

  /// Every difference met, in the order first met.
  public var entries: [Entry] {
    state.withLock { state in state.order.compactMap { state.entries[$0] } }
  }

  /// `--report drift=PATH`: `{"differences": [{endpointId, kind, field, expected, seen, count,
  /// firstStep}]}`, masked by `masker`.
  public func json(masker: SecretMasker) -> JSONValue {
    let list: [JSONValue] = entries.map { entry in
      let d = entry.difference
      return [
        "endpointId": .string(d.endpointID), "kind": .string(d.kind.rawValue), "field": .string(d.path),
        "expected": .string(d.expected), "seen": .string(masker.mask(d.seen)), "count": .int(entry.count),
        "firstStep": .string(masker.mask(entry.firstStep)),
      ]
    }
    return ["differences": .array(list)]
  }
}
