import Foundation
import Playbook
import PlaybookRunner

extension RunInfo {
  /// The run about to start here: the playbook's sha256 as it is on disk now, this user and host,
  /// the time in UTC.
  static func local(file: String, target: String, now: Date = .now) -> RunInfo {
    let bytes = FileManager.default.contents(atPath: file).map { [UInt8]($0) } ?? []
    let environment = ProcessInfo.processInfo.environment
    let user = environment["USER"] ?? environment["LOGNAME"] ?? ProcessInfo.processInfo.userName
    return RunInfo(
      file: file, sha256: SHA256.hex(bytes), target: target,
      ranBy: "\(user)@\(ProcessInfo.processInfo.hostName)",
      startedAt: now.ISO8601Format(), reachVersion: Reach.version, stepNames: StepNames.collect(in: file))
  }
}
