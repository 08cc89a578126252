import Foundation
import Playbook
import PlaybookRunner

extension RunInfo {
  /// The run about to start here: the playbook's sha256 as it is on disk now, this user and host,
  /// the time in UTC.
  static func local(file: String, target: String, now: Date = .now) -> RunInfo {
    let bytes = FileManager.default.contents(atPath: file) ?? Data()
    return RunInfo(
      file: file, sha256: PlaybookDigest.sha256(bytes), target: target, ranBy: ranBy,
      startedAt: now.ISO8601Format(), reachVersion: Reach.version, stepNames: StepNames.collect(in: file))
  }

  /// `user@host`: who runs here, as reports and the journal say it. The user from the
  /// environment, else the account's name.
  static var ranBy: String {
    let environment = ProcessInfo.processInfo.environment
    let user = environment["USER"] ?? environment["LOGNAME"] ?? ProcessInfo.processInfo.userName
    return "\(user)@\(ProcessInfo.processInfo.hostName)"
  }
}
