public import Foundation
import HTTPTypes
public import Hummingbird
import Logging
import NIOCore
import ReachCatalogue

/// The brand side of 2.3: `POST /apisvc/v0/notification` and `/apisvc/v0/notification/callback`.
/// Each event is committed to the store before the 200 goes out; a duplicate gets 200 and is not
/// stored again; whatever happens after storing (forwarding) never delays the answer.
public struct WebhookReceiver: Sendable {
  public static let maxBodyBytes = 1 << 20

  public let store: WebhookStore
  public let allowFrom: [CIDR]
  let now: @Sendable () -> Date
  let onNewEvent: @Sendable (WebhookEvent) -> Void

  public init(
    store: WebhookStore, allowFrom: [CIDR] = [], now: @escaping @Sendable () -> Date = { Date() },
    onNewEvent: @escaping @Sendable (WebhookEvent) -> Void = { _ in }
  ) {
    self.store = store
    self.allowFrom = allowFrom
    self.now = now
    self.onNewEvent = onNewEvent
  }

  public func router() -> Router<WebhookContext> {
    let router = Router(context: WebhookContext.self)
    for kind in WebhookKind.allCases {
      router.post(RouterPath(kind.path)) { request, context in
        try await self.receive(kind, request, context)
      }
      for method in [HTTPRequest.Method.get, .put, .delete, .patch] {
        router.on(RouterPath(kind.path), method: method) { _, _ in
          WebhookReceiver.json(.methodNotAllowed, ["message": "use POST"], extra: [(.allow, "POST")])
        }
      }
    }
    router.get("/health") { _, _ in WebhookReceiver.json(.ok, ["ok": true]) }
    return router
  }

  func receive(_ kind: WebhookKind, _ request: Request, _ context: WebhookContext) async throws -> Response {
    if !allowFrom.isEmpty {
      guard let peer = context.remoteAddress, allowFrom.contains(where: { $0.contains(peer) }) else {
        return WebhookReceiver.json(.forbidden, ["message": "this address may not post here (--allow-from)"])
      }
    }
    let buffer: ByteBuffer
    do {
      buffer = try await request.body.collect(upTo: WebhookReceiver.maxBodyBytes)
    } catch let error as HTTPError where error.status == .contentTooLarge {
      return WebhookReceiver.json(.contentTooLarge, ["message": "the body is over 1 MiB"])
    }
    let body: JSONValue
    do {
      body = try JSONParser.parse(bytes: buffer.readableBytesView)
    } catch {
      return WebhookReceiver.json(.badRequest, ["message": "the body is not valid JSON"])
    }
    guard body.objectValue != nil else {
      return WebhookReceiver.json(.badRequest, ["message": "the body must be a JSON object"])
    }
    let event = WebhookEvent(kind: kind, body: body, receivedAt: now())
    let stored: (sequence: Int64, isNew: Bool)
    do {
      stored = try await store.insertAsync(event)
    } catch {
      // Not stored, so not acknowledged: the platform will retry.
      context.logger.error("cannot store webhook event: \(error)")
      return WebhookReceiver.json(.serviceUnavailable, ["message": "cannot store the event; retry"])
    }
    if stored.isNew {
      var event = event
      event.sequence = stored.sequence
      onNewEvent(event)
    }
    return WebhookReceiver.json(
      .ok,
      [
        "received": true, "duplicate": .bool(!stored.isNew), "sequence": .int(Int(stored.sequence)),
        "type": .string(event.type), "known": .bool(event.known),
      ])
  }

  static func json(_ status: HTTPResponse.Status, _ body: JSONValue, extra: [(HTTPField.Name, String)] = []) -> Response
  {
    var headers = HTTPFields()
    headers[.contentType] = "application/json"
    for (name, value) in extra { headers[name] = value }
    return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body.jsonText())))
  }
}

extension WebhookStore {
  /// `insert` off the event loop: the commit waits on the disk, the server's threads do not.
  func insertAsync(_ event: WebhookEvent) async throws -> (sequence: Int64, isNew: Bool) {
    try await withCheckedThrowingContinuation { continuation in
      DispatchQueue.global().async {
        continuation.resume(with: Result { try self.insert(event) })
      }
    }
  }
}
