import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import Synchronization

/// AsyncHTTPClient's ``ResponseAccumulator``, with the moments an HTTP Archive's timings are
/// made of noted on the way: the request's head and body written, the answer's head and its end.
final class TimedAccumulator: HTTPClientResponseDelegate {
  typealias Response = HTTPClient.Response

  private let inner: ResponseAccumulator
  private let started: NIODeadline
  /// Head written, body written, answer's head, answer's end.
  private let marks = Mutex<[NIODeadline?]>([nil, nil, nil, nil])

  init(request: HTTPClient.Request, maxBodySize: Int, started: NIODeadline = .now()) {
    inner = ResponseAccumulator(request: request, maxBodySize: maxBodySize)
    self.started = started
  }

  private func mark(_ index: Int) {
    let now = NIODeadline.now()
    marks.withLock { if $0[index] == nil { $0[index] = now } }
  }

  /// The phases, once the answer is complete.
  var timings: HTTPTimings? { Self.timings(started: started, marks: marks.withLock { $0 }) }

  /// The phases from the moments noted: the request's head written, its body written, the
  /// answer's head, its end. An answer may start before the request's body is all written (a
  /// server that answers early, or the event loop telling of the two in that order): `send` then
  /// ends where the answer starts.
  static func timings(started: NIODeadline, marks: [NIODeadline?]) -> HTTPTimings? {
    guard marks.count == 4, let head = marks[0], let answer = marks[2], let end = marks[3] else { return nil }
    let sent = min(marks[1] ?? head, answer)
    // NIODeadline's nanoseconds are unsigned: a span is taken in signed arithmetic, never below 0.
    func span(_ from: NIODeadline, _ to: NIODeadline) -> Duration {
      to > from ? .nanoseconds(Int64(truncatingIfNeeded: to.uptimeNanoseconds &- from.uptimeNanoseconds)) : .zero
    }
    return HTTPTimings(
      blocked: span(started, head), send: span(head, sent), wait: span(sent, answer), receive: span(answer, end))
  }

  func didSendRequestHead(task: HTTPClient.Task<Response>, _ head: HTTPRequestHead) {
    mark(0)
    inner.didSendRequestHead(task: task, head)
  }

  func didSendRequestPart(task: HTTPClient.Task<Response>, _ part: IOData) {
    inner.didSendRequestPart(task: task, part)
  }

  func didSendRequest(task: HTTPClient.Task<Response>) {
    mark(1)
    inner.didSendRequest(task: task)
  }

  func didVisitURL(task: HTTPClient.Task<Response>, _ request: HTTPClient.Request, _ head: HTTPResponseHead) {
    inner.didVisitURL(task: task, request, head)
  }

  func didReceiveHead(task: HTTPClient.Task<Response>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
    mark(2)
    return inner.didReceiveHead(task: task, head)
  }

  func didReceiveBodyPart(task: HTTPClient.Task<Response>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
    inner.didReceiveBodyPart(task: task, buffer)
  }

  func didReceiveError(task: HTTPClient.Task<Response>, _ error: any Error) {
    inner.didReceiveError(task: task, error)
  }

  func didFinishRequest(task: HTTPClient.Task<Response>) throws -> Response {
    mark(3)
    return try inner.didFinishRequest(task: task)
  }
}
