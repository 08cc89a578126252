#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A loopback TCP port held for a test: bound, never listening. A connection to it is refused at
/// once, and no server, of this process or another, can bind it while the test holds it.
///
/// A port taken from a server that was started and stopped is not the same: the tests run in
/// parallel, and another test's server (or a `reach` process a test started) may be given that
/// port in between, then meets connections that were never meant for it.
public final class ReservedPort: Sendable {
  public let port: Int
  private let descriptor: Int32

  public init() throws {
    #if canImport(Glibc)
      let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
      let descriptor = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard descriptor >= 0 else { throw ReservedPortError(call: "socket", code: errno) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
        bind(descriptor, socketAddress, length) == 0 && getsockname(descriptor, socketAddress, &length) == 0
      }
    }
    guard bound else {
      let code = errno
      close(descriptor)
      throw ReservedPortError(call: "bind", code: code)
    }
    self.descriptor = descriptor
    self.port = Int(UInt16(bigEndian: address.sin_port))
  }

  deinit { close(descriptor) }
}

public struct ReservedPortError: Error, CustomStringConvertible {
  public let call: String
  public let code: Int32
  public var description: String { "cannot reserve a loopback port: \(call) failed with errno \(code)" }
}
