/// The numbers and SIMs lines hold: one part of `SandboxState`, owning the MDN sequence, the
/// numbers it must skip and the index of ICCIDs to lines. A line activated in the sandbox gets
/// `212` and the next number of a 7-digit sequence, an MDN swap `646` and the next one: never a
/// number a line holds already (a ported-in number may be anything) and never a `--customers` one
/// (`312`) (assumption: the guide gives no numbering rule).
struct NumberPool: Sendable {
  static let activatedPrefix = "212"
  static let swappedPrefix = "646"

  /// The last number of the MDN sequence (saved in the state file's meta).
  private(set) var sequence = 0
  /// Numbers lines hold that the sequence could give again.
  private var held: Set<String> = []
  /// Which lines hold each ICCID (besides `--customers` subscribers on their own ICCID).
  private var linesByIccid: [String: Set<String>] = [:]

  init() {}

  /// The pool a state file's records imply: the sequence saved, the numbers and SIMs the restored
  /// lines hold, and the numbers of the MDN swaps still pending.
  init(
    sequence: Int, customers: TrackedTable<SandboxCustomer>, jobs: TrackedTable<SandboxJob>
  ) {
    self.sequence = sequence
    for customer in customers.values {
      if let number = customer.mobileNo { hold(number) }
      if let iccId = customer.iccId,
        SandboxPopulation.index(ofIccid: iccId).map(SandboxPopulation.customerId) != customer.customerId
      {
        holdIccid(iccId, for: customer.customerId)
      }
    }
    for job in jobs.values where !job.applied {
      if case .mdnSwap(_, let new) = job.kind { hold(new) }
    }
  }

  /// A number that no line holds, reserved at once.
  mutating func allocate(prefix: String) -> String {
    while true {
      sequence += 1
      let number = prefix + SandboxPopulation.padded(sequence, 7)
      if !held.contains(number) {
        held.insert(number)
        return number
      }
    }
  }

  /// Remembers a number a line now holds (a ported-in one), so the sequence skips it.
  mutating func hold(_ number: String) {
    if Self.mayCollide(number) { held.insert(number) }
  }

  /// A number no line holds any more.
  mutating func release(_ number: String) { held.remove(number) }

  /// Only numbers with the sequence's prefixes can collide with it.
  static func mayCollide(_ number: String) -> Bool {
    number.hasPrefix(activatedPrefix) || number.hasPrefix(swappedPrefix)
  }

  /// Remembers that line `id` holds `iccId` now.
  mutating func holdIccid(_ iccId: String?, for id: String) {
    if let iccId { linesByIccid[iccId, default: []].insert(id) }
  }

  /// The lines that held `iccId` at some point (each may have moved to another SIM since).
  func lines(thatHeld iccId: String) -> Set<String> { linesByIccid[iccId] ?? [] }
}
