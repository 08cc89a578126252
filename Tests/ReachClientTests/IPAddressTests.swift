import NIOCore
import ReachClient
import Testing

/// The one address parser (NIO's) and the one loopback rule built on it.
@Suite struct IPAddressTests {
  @Test func bytesInNetworkOrder() throws {
    #expect(IPAddress.bytes("192.0.2.7") == [192, 0, 2, 7])
    #expect(
      IPAddress.bytes("2001:db8::ff01") == [0x20, 0x01, 0x0D, 0xB8] + Array(repeating: 0, count: 10) + [0xFF, 1])
    #expect(IPAddress.bytes("::ffff:192.0.2.7") == Array(repeating: 0, count: 10) + [0xFF, 0xFF, 192, 0, 2, 7])
    #expect(IPAddress.bytes(try SocketAddress(ipAddress: "10.1.2.3", port: 8443)) == [10, 1, 2, 3])
    #expect(IPAddress.bytes(try SocketAddress(unixDomainSocketPath: "/tmp/reach.sock")) == nil)
    for bad in ["", "localhost", "1.2.3", "256.0.0.1", "1::2::3", "fe80::1%lo", "[::1]"] {
      #expect(IPAddress.bytes(bad) == nil, "\(bad)")
    }
  }

  @Test(arguments: ["localhost", "LocalHost", "127.0.0.1", "127.255.3.4", "::1", "0:0:0:0:0:0:0:1", "0::1"])
  func loopback(_ host: String) {
    #expect(OutgoingURL.isLoopback(host))
  }

  @Test(arguments: [
    "::2", "::", "128.0.0.1", "0.0.0.0", "10.0.0.5", "127.0.0.1.example.com", "127.example", "localhost.example",
    "fe80::1%lo", "::ffff:127.0.0.1",
  ])
  func notLoopback(_ host: String) {
    #expect(!OutgoingURL.isLoopback(host))
  }
}
