import Foundation
import Synchronization

/// Where a secret comes from: never the configuration file itself.
public enum SecretSource: Sendable, Equatable, CustomStringConvertible {
  /// An environment variable.
  case environment(String)
  /// A command whose standard output is the secret (`vault kv get -field=jwt …`,
  /// `aws secretsmanager get-secret-value … --output text`), run with `/bin/sh -c`.
  case command(String)

  public var description: String {
    switch self {
    case .environment(let name): return "environment variable \(name)"
    case .command(let command): return "command `\(command)`"
    }
  }

  /// The secret, with one trailing newline removed.
  public func resolve(
    name: String, environment: [String: String]? = nil
  ) throws(TargetError) -> String {
    let environment = environment ?? ProcessInfo.processInfo.environment
    switch self {
    case .environment(let variable):
      guard let value = environment[variable], !value.isEmpty else {
        throw .unsetVariable(name: name, variable: variable)
      }
      return value
    case .command(let command):
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/bin/sh")
      process.arguments = ["-c", command]
      process.environment = environment
      let out = Pipe(), err = Pipe()
      process.standardOutput = out
      process.standardError = err
      process.standardInput = FileHandle.nullDevice
      do {
        try process.run()
      } catch {
        throw .secretCommandFailed(name: name, status: -1, message: "cannot start /bin/sh")
      }
      // Both pipes drain at once: a command that writes more to stderr than a pipe holds (64 KiB
      // on Linux) before it closes stdout would otherwise wait on reach, and reach on it, for ever.
      let errors = Mutex(Data())
      let drained = DispatchGroup()
      DispatchQueue.global().async(group: drained) {
        let data = err.fileHandleForReading.readDataToEndOfFile()
        errors.withLock { $0 = data }
      }
      let data = out.fileHandleForReading.readDataToEndOfFile()
      drained.wait()
      let errData = errors.withLock { $0 }
      process.waitUntilExit()
      guard process.terminationStatus == 0 else {
        // Only the first line of stderr, which names the problem and not the secret.
        let firstLine = String(decoding: errData, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
        throw .secretCommandFailed(name: name, status: process.terminationStatus, message: firstLine)
      }
      var value = String(decoding: data, as: UTF8.self)
      if value.hasSuffix("\r\n") {
        value.removeLast(2)
      } else if value.hasSuffix("\n") {
        value.removeLast()
      }
      guard !value.isEmpty else {
        throw .secretCommandFailed(name: name, status: 0, message: "it printed nothing")
      }
      return value
    }
  }
}
