public import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Files that may hold secrets or customers' data (the run journal, the webhook store, the
/// sandbox's state, reports) are readable by their owner alone: mode 0600 whatever the umask, and
/// an existing file made looser by someone else is tightened when reach opens it.
public enum PrivateFile {
  public static let mode: mode_t = 0o600

  /// Makes `path` a private file: its folder created, the file created empty or tightened, and
  /// the SQLite files beside it (`-wal`, `-shm`, `-journal`) tightened where they exist (SQLite
  /// gives new ones the database file's own mode).
  public static func prepare(_ path: String) throws {
    try FileManager.default.createDirectory(
      at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
    try close(open(path, truncating: false))
    for suffix in ["-wal", "-shm", "-journal"] where FileManager.default.fileExists(atPath: path + suffix) {
      try tighten(path + suffix)
    }
  }

  /// Writes `bytes` to `path` as a private file (replacing what it held), its folder created.
  public static func write(_ bytes: some DataProtocol, to path: String) throws {
    let handle = try create(path)
    defer { try? handle.close() }
    try handle.write(contentsOf: bytes)
  }

  /// Opens `path` as an empty private file to write to, its folder created.
  public static func create(_ path: String) throws -> FileHandle {
    try FileManager.default.createDirectory(
      at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
    return FileHandle(fileDescriptor: try open(path, truncating: true), closeOnDealloc: true)
  }

  /// Creates `path` as a new private file holding `bytes`, its folder created; an existing file
  /// (or a link where the file would be) is never written over: that throws, writing nothing.
  public static func writeNew(_ bytes: some DataProtocol, to path: String) throws {
    try FileManager.default.createDirectory(
      at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
    let descriptor = Foundation.open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
    guard descriptor >= 0 else { throw failure(path) }
    let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    defer { try? handle.close() }
    guard fchmod(descriptor, mode) == 0 else { throw failure(path) }
    try handle.write(contentsOf: bytes)
  }

  /// Opens (creating with mode 0600) and tightens the mode of an existing file, on the descriptor
  /// itself, so no other file can be swapped in between.
  private static func open(_ path: String, truncating: Bool) throws -> Int32 {
    let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (truncating ? O_TRUNC : 0)
    let descriptor = Foundation.open(path, flags, mode)
    guard descriptor >= 0 else { throw failure(path) }
    guard fchmod(descriptor, mode) == 0 else {
      let error = failure(path)
      _ = Foundation.close(descriptor)
      throw error
    }
    return descriptor
  }

  private static func tighten(_ path: String) throws {
    guard chmod(path, mode) == 0 else { throw failure(path) }
  }

  private static func close(_ descriptor: Int32) throws {
    _ = Foundation.close(descriptor)
  }

  private static func failure(_ path: String) -> any Error {
    NSError(
      domain: NSPOSIXErrorDomain, code: Int(errno),
      userInfo: [NSLocalizedDescriptionKey: "\(path): \(String(cString: strerror(errno)))"])
  }
}
