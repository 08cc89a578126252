/// A dictionary of records that remembers which keys changed since the changes were last taken,
/// so `--state` writes only those rows after a request instead of the whole state.
struct TrackedTable<Value: Sendable>: Sendable, Sequence {
  private var storage: [String: Value]
  private var changed: Set<String> = []
  /// Off for a sandbox without a state file: nothing is remembered.
  var tracking = false

  init(_ storage: [String: Value] = [:]) { self.storage = storage }

  subscript(key: String) -> Value? {
    get { storage[key] }
    set {
      storage[key] = newValue
      if tracking { changed.insert(key) }
    }
  }

  var values: Dictionary<String, Value>.Values { storage.values }
  var count: Int { storage.count }

  mutating func reserveCapacity(_ capacity: Int) { storage.reserveCapacity(capacity) }

  func makeIterator() -> Dictionary<String, Value>.Iterator { storage.makeIterator() }

  /// Each key changed since the last `forgetChanges()` with its value now (nil: removed).
  func changes() -> [(key: String, value: Value?)] { changed.map { ($0, storage[$0]) } }

  /// Once the changes are saved.
  mutating func forgetChanges() { changed = [] }
}
