public import Foundation
import ReachCatalogue
public import ReachClient
import Synchronization

/// Every exchange of a run as the client records it (each attempt, retries included, already
/// redacted), in the order they ended: what `--report har=PATH` is written from.
public final class ExchangeLog: Sendable {
  private let records = Mutex<[ExchangeRecord]>([])
  /// The wall time at one instant of the client's clock: an attempt's wall start is placed from it.
  public let wall: Date
  public let instant: ContinuousClock.Instant

  /// - Parameters:
  ///   - wall: The wall time now (the command's `Date()`; a test's fixed date).
  ///   - instant: The same moment on the clock the client stamps attempts with.
  public init(wall: Date, instant: ContinuousClock.Instant = .now) {
    self.wall = wall
    self.instant = instant
  }

  /// What the client's `onExchange` calls.
  public func record(_ exchange: ExchangeRecord) {
    records.withLock { $0.append(exchange) }
  }

  public var all: [ExchangeRecord] { records.withLock { $0 } }
}

/// `--report har=PATH`: the run's exchanges as an HTTP Archive 1.2 (the format browser dev tools
/// and HAR viewers open: http://www.softwareishard.com/blog/har-12-spec/). One entry per attempt,
/// in the order they ended; an attempt that got no answer has status 0 and says why in `_error`
/// (HAR's custom fields start with `_`). Headers, URLs and bodies are the client's redacted
/// record: the credentials and every sensitive value show as `***`, a card number as `***` and its
/// last four digits; the command masks the whole text once more on the way to the file.
public enum HARReport {
  public static func text(_ log: ExchangeLog, creatorVersion: String, comment: String? = nil) -> String {
    document(log, creatorVersion: creatorVersion, comment: comment).jsonText(pretty: true) + "\n"
  }

  static func document(_ log: ExchangeLog, creatorVersion: String, comment: String?) -> JSONValue {
    var root: [String: JSONValue] = [
      "version": "1.2",
      "creator": ["name": "reach", "version": .string(creatorVersion)],
      "pages": [],
      "entries": .array(log.all.map { entry($0, log: log) }),
    ]
    if let comment { root["comment"] = .string(comment) }
    return ["log": .object(root)]
  }

  static func entry(_ record: ExchangeRecord, log: ExchangeLog) -> JSONValue {
    let started = log.wall.addingTimeInterval(seconds(record.started - log.instant))
    var timings: [String: JSONValue] = ["dns": -1, "connect": -1, "ssl": -1]
    if let measured = record.timings {
      // The connection (TCP, a proxy's tunnel, TLS) is inside `blocked`: not told apart.
      timings["blocked"] = milliseconds(measured.blocked)
      timings["send"] = milliseconds(measured.send)
      timings["wait"] = milliseconds(measured.wait)
      timings["receive"] = milliseconds(measured.receive)
    } else {
      // No phases measured (no answer, or a transport that does not measure them): all waiting.
      timings["blocked"] = -1
      timings["send"] = 0
      timings["wait"] = milliseconds(record.latency)
      timings["receive"] = 0
    }
    let total = record.timings?.total ?? record.latency
    var entry: [String: JSONValue] = [
      "startedDateTime": .string(Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(started)),
      "time": milliseconds(total),
      "request": request(record),
      "response": response(record),
      "cache": [:],
      "timings": .object(timings),
      "comment": .string("\(record.endpointID), attempt \(record.attempt)"),
    ]
    if let error = record.error { entry["_error"] = .string(error) }
    return .object(entry)
  }

  static func request(_ record: ExchangeRecord) -> JSONValue {
    let body = record.requestBody.map { $0.jsonText() }
    var request: [String: JSONValue] = [
      "method": .string(record.method),
      "url": .string(record.url),
      "httpVersion": "HTTP/1.1",
      "cookies": [],
      "headers": headers(record.requestHeaders),
      "queryString": .array(query(of: record.url).map { ["name": .string($0.0), "value": .string($0.1)] }),
      "headersSize": -1,
      "bodySize": .int(body?.utf8.count ?? 0),
    ]
    if let body {
      let type = header("Content-Type", in: record.requestHeaders) ?? "application/json"
      request["postData"] = ["mimeType": .string(type), "text": .string(body)]
    }
    return .object(request)
  }

  static func response(_ record: ExchangeRecord) -> JSONValue {
    let text: String
    switch record.responseBody {
    case nil, .null?: text = ""
    case .string(let string)?: text = string
    case let body?: text = body.jsonText()
    }
    let type = header("Content-Type", in: record.responseHeaders) ?? (text.isEmpty ? "" : "application/json")
    return [
      "status": .int(record.status ?? 0),
      "statusText": .string(record.statusText ?? ""),
      "httpVersion": record.status == nil ? "" : "HTTP/1.1",
      "cookies": [],
      "headers": headers(record.responseHeaders),
      "content": ["size": .int(record.responseSize), "mimeType": .string(type), "text": .string(text)],
      "redirectURL": .string(header("Location", in: record.responseHeaders) ?? ""),
      "headersSize": -1,
      "bodySize": record.status == nil ? -1 : .int(record.responseSize),
    ]
  }

  static func headers(_ headers: [(String, String)]) -> JSONValue {
    .array(headers.map { ["name": .string($0.0), "value": .string($0.1)] })
  }

  static func header(_ name: String, in headers: [(String, String)]) -> String? {
    headers.first { $0.0.lowercased() == name.lowercased() }?.1
  }

  /// The query's parameters, decoded, in order.
  static func query(of url: String) -> [(String, String)] {
    guard let question = url.firstIndex(of: "?") else { return [] }
    let query = url[url.index(after: question)...].prefix { $0 != "#" }
    return query.split(separator: "&").map { pair in
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      return (PercentEncoding.decode(String(parts[0])), parts.count > 1 ? PercentEncoding.decode(String(parts[1])) : "")
    }
  }

  static func seconds(_ duration: Duration) -> Double {
    duration / .seconds(1)
  }

  /// Milliseconds with a fraction, as HAR's times are.
  static func milliseconds(_ duration: Duration) -> JSONValue {
    .double((seconds(duration) * 1_000_000).rounded() / 1000)
  }
}
