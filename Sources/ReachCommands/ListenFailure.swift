import NIOCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why a server of ours could not listen, as one sentence that names the address and what to do,
/// instead of NIO's `bind(descriptor:ptr:bytes:): Address already in use) (errno: 98)`.
enum ListenFailure {
  static func describe(_ error: any Error, host: String, port: Int) -> String {
    let address = "\(host):\(port)"
    guard let io = error as? IOError else { return "cannot serve on \(address): \(error)" }
    switch io.errnoCode {
    case EADDRINUSE:
      return
        "cannot listen on \(address): the port is in use (by another reach, or another program); choose another with --port, or --port 0 for any free one"
    case EACCES:
      return "cannot listen on \(address): permission denied (ports below 1024 need privileges); choose a higher --port"
    case EADDRNOTAVAIL:
      return
        "cannot listen on \(address): no interface of this machine has the address \(host); use --host 127.0.0.1, or 0.0.0.0 for every interface"
    default:
      return "cannot listen on \(address): \(io)"
    }
  }
}
