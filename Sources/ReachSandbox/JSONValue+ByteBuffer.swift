import NIOCore
import ReachCatalogue

extension JSONValue {
  /// The compact JSON text of the value (`jsonBytes()`), as the bytes of a response body.
  var jsonBuffer: ByteBuffer { ByteBuffer(bytes: jsonBytes()) }
}
