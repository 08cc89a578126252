import Foundation
import ReachCatalogue

/// The active subscribers a sandbox starts with (`--customers N`), so a bulk run can be rehearsed
/// at full size. Subscriber `i` (1 to N) is its own account's primary line, active on
/// `REACH-PLUS-15GB` with a physical SIM:
///
/// | field | value for i = 42 |
/// | --- | --- |
/// | customerId | `SUB0000042` (`SUB` and i in 7 digits) |
/// | clientAccountId | `ACCT-SUB0000042` |
/// | groupId | `GRP-SUB0000042` |
/// | mobileNo | `3120000042` (`312` and i in 7 digits) |
/// | iccId | `8901260000000000428` (`89012600`, i in 10 digits, a Luhn check digit) |
///
/// No other sandbox id starts with `SUB`, and no other line's number starts with `312`.
public enum SandboxPopulation {
  /// The most subscribers a sandbox can start with.
  public static let maximum = 1_000_000

  public static func customerId(_ index: Int) -> String { "SUB" + padded(index, 7) }
  public static func mobileNo(_ index: Int) -> String { "312" + padded(index, 7) }
  public static func iccId(_ index: Int) -> String { Luhn.complete("89012600" + padded(index, 10)) }

  /// The subscriber whose ICCID this is by the scheme (whether or not the sandbox holds one).
  static func index(ofIccid iccId: String) -> Int? {
    guard iccId.count == 19, iccId.hasPrefix("89012600"), let index = Int(iccId.dropFirst(8).prefix(10)),
      (1...maximum).contains(index), self.iccId(index) == iccId
    else { return nil }
    return index
  }

  /// The CSV a bulk run reads: a `customerId` header and one row per subscriber.
  public static func csv(count: Int) -> String {
    var text = "customerId\n"
    text.reserveCapacity(11 * (count + 1))
    for index in stride(from: 1, through: count, by: 1) {
      text += customerId(index)
      text += "\n"
    }
    return text
  }

  /// Writes `csv(count:)` to `path`, replacing what was there.
  public static func writeCSV(count: Int, to path: String) throws(SandboxPopulationError) {
    do {
      try Data(csv(count: count).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw .unwritable(path: path, reason: error.localizedDescription)
    }
  }

  /// Where `reach sandbox serve --customers N` writes the CSV when no path is given.
  public static func defaultCSVPath() -> String {
    let name = "reach-sandbox-customers-\(ProcessInfo.processInfo.processIdentifier).csv"
    return FileManager.default.temporaryDirectory.appendingPathComponent(name).path
  }

  /// Subscriber `index` as the sandbox holds it, active since `activated`.
  static func customer(_ index: Int, activated: String) -> SandboxCustomer {
    let id = customerId(index)
    return SandboxCustomer(
      customerId: id, clientAccountId: "ACCT-" + id, groupId: "GRP-" + id, isPrimary: true, firstName: "Sandbox",
      lastName: "Subscriber \(index)", email: id.lowercased() + "@example.com", zip: "10001",
      planId: "REACH-PLUS-15GB", simType: "PSIM", status: .active, mobileNo: mobileNo(index), iccId: iccId(index),
      activationDate: activated)
  }

  static func padded(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
  }
}

public enum SandboxPopulationError: Error, Hashable, CustomStringConvertible {
  case unwritable(path: String, reason: String)

  public var description: String {
    switch self {
    case .unwritable(let path, let reason):
      return "cannot write the customers CSV to \(path): \(reason); give --customers-csv a writable path"
    }
  }
}
