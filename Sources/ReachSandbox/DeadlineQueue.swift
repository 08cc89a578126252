/// Work the sandbox owes at an instant, earliest first: a binary min-heap, so settling a request
/// costs only the items that fell due, not a scan of every purchase and line.
struct DeadlineQueue<Item: Sendable>: Sendable {
  private struct Entry: Sendable {
    var due: SandboxTime
    /// Insertion order, so items due at the same instant come out first in, first out.
    var sequence: Int
    var item: Item

    func precedes(_ other: Entry) -> Bool {
      due == other.due ? sequence < other.sequence : due < other.due
    }
  }

  private var heap: [Entry] = []
  private var inserted = 0

  var count: Int { heap.count }

  /// When the earliest item falls due; nil when the queue is empty.
  var nextDue: SandboxTime? { heap.first?.due }

  mutating func insert(_ item: Item, due: SandboxTime) {
    inserted += 1
    heap.append(Entry(due: due, sequence: inserted, item: item))
    var child = heap.count - 1
    while child > 0 {
      let parent = (child - 1) / 2
      guard heap[child].precedes(heap[parent]) else { break }
      heap.swapAt(child, parent)
      child = parent
    }
  }

  /// The earliest item due at or before `now`, removed; nil when nothing is due yet.
  mutating func popDue(by now: SandboxTime) -> Item? {
    guard let first = heap.first, first.due <= now else { return nil }
    let last = heap.removeLast()
    guard !heap.isEmpty else { return first.item }
    heap[0] = last
    var parent = 0
    while true {
      let left = 2 * parent + 1
      let right = left + 1
      var smallest = parent
      if left < heap.count, heap[left].precedes(heap[smallest]) { smallest = left }
      if right < heap.count, heap[right].precedes(heap[smallest]) { smallest = right }
      guard smallest != parent else { break }
      heap.swapAt(parent, smallest)
      parent = smallest
    }
    return first.item
  }
}

/// What falls due in the sandbox.
enum SandboxDue: Sendable {
  /// A paid purchase completes or fails.
  case purchase(String)
  /// A customer's pending status change lands (activation, port-in, lifecycle).
  case customer(String)
  case planChange(String)
  /// A line's scheduled plan change takes effect (by customerId).
  case scheduledPlan(String)
  case job(String)
  /// A line whose recorded leaving date has come is disconnected.
  case leaving(String)
  /// A group's next ILD call (by groupId).
  case ildCall(String)
  /// An IR pack starts, loses a slice, or ends (by purchaseId).
  case irPack(String)
  /// A line's data use crosses a USAGE_NOTIFICATION threshold, or its cycle ends (by customerId).
  case usage(String)
}
