import Testing

@testable import ReachSandbox

@Suite("Deadline queue")
struct DeadlineQueueTests {
  @Test func popsOnlyWhatIsDueEarliestFirstAndTiesInOrder() {
    var queue = DeadlineQueue<String>()
    let t = { (seconds: Double) in SandboxTime(seconds: seconds) }
    for (item, due) in [("c", 30.0), ("a", 10), ("d", 40), ("b1", 20), ("b2", 20), ("e", 50)] {
      queue.insert(item, due: t(due))
    }
    #expect(queue.popDue(by: t(5)) == nil)
    var popped: [String] = []
    while let item = queue.popDue(by: t(30)) { popped.append(item) }
    #expect(popped == ["a", "b1", "b2", "c"])
    #expect(queue.count == 2)
    #expect(queue.popDue(by: t(100)) == "d")
    #expect(queue.popDue(by: t(100)) == "e")
    #expect(queue.popDue(by: t(100)) == nil)
  }

  @Test func manyRandomDeadlinesComeOutSorted() {
    var generator = SeededGenerator(seed: 3)
    var queue = DeadlineQueue<Double>()
    for _ in 0..<500 {
      let due = Double(generator.next() % 10_000)
      queue.insert(due, due: SandboxTime(seconds: due))
    }
    var out: [Double] = []
    while let item = queue.popDue(by: SandboxTime(seconds: 10_000)) { out.append(item) }
    #expect(out.count == 500)
    #expect(out == out.sorted())
  }
}
