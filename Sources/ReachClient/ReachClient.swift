import Foundation
public import Logging
public import ReachCatalogue
public import ReachEndpoints

/// Turns an endpoint call into HTTPS requests: the auth headers of 1.2, the client-side rate
/// limit, the retry rules of 2.4 and section 5 on an injected clock, and redaction of
/// everything it records or logs.
public final class ReachClient: Sendable {
  public let target: Target
  public let registry: EndpointRegistry
  public let redactor: Redactor
  let transport: any HTTPTransport
  let clock: any Clock<Duration>
  let policy: RetryPolicy
  let rateLimiter: RateLimiter?
  /// Bounds requests in flight when a call brings no gate of its own.
  let requestGate: RequestGate?
  let logger: Logger
  let onExchange: (@Sendable (ExchangeRecord) -> Void)?

  public init(
    target: Target,
    registry: EndpointRegistry = .standard,
    transport: any HTTPTransport = AsyncHTTPTransport.shared,
    clock: any Clock<Duration> = ContinuousClock(),
    policy: RetryPolicy = RetryPolicy(),
    rateLimiter: RateLimiter? = nil,
    requestGate: RequestGate? = nil,
    redactor: Redactor? = nil,
    logger: Logger = Logger(label: "reach.client"),
    onExchange: (@Sendable (ExchangeRecord) -> Void)? = nil
  ) {
    self.target = target
    self.registry = registry
    self.transport = transport
    self.clock = clock
    self.policy = policy
    self.rateLimiter = rateLimiter
    self.requestGate = requestGate
    self.redactor = redactor ?? Redactor(credentials: target.credentials)
    self.logger = logger
    self.onExchange = onExchange
  }

  /// The threads its transport's answers arrive on.
  public var taskExecutors: [any TaskExecutor] { transport.taskExecutors }

  /// Calls `endpointID` and returns its final answer, 2xx or not, after the retries the guide
  /// allows. Throws for what leaves no answer to act on: bad arguments, an exhausted rate limit,
  /// an unknown outcome, no connection.
  ///
  /// - Parameter gate: Bounds the requests in flight; its permit is held only while a request is
  ///   on the wire (nil: the client's own, if any).
  public func send(_ endpointID: String, _ arguments: [String: JSONValue], gate: RequestGate? = nil)
    async throws(ReachClientError) -> ReachResponse
  {
    let plugin: any EndpointPlugin
    do {
      plugin = try registry.require(endpointID)
    } catch {
      throw .unknownEndpoint(error)
    }
    return try await send(plugin, arguments, gate: gate)
  }

  /// Like `send`, but a non-2xx answer is an error carrying the (redacted) body's field errors.
  public func call(_ endpointID: String, _ arguments: [String: JSONValue]) async throws(ReachClientError)
    -> ReachResponse
  {
    let response = try await send(endpointID, arguments)
    guard response.isSuccess else {
      let body = redactor.redact(response.body)
      throw .http(
        endpointID: endpointID, status: response.status, body: body,
        fieldErrors: ReachClientError.fieldErrors(in: body))
    }
    return response
  }

  ///
  /// - Parameter secret: The arguments given from a secret (a playbook's secret input): what the
  ///   client records of the request (exchanges, the HAR report) shows them as `***`, whatever
  ///   their length or field.
  public func send(
    _ plugin: any EndpointPlugin, _ arguments: [String: JSONValue], gate: RequestGate? = nil,
    secret: Set<String> = []
  ) async throws(ReachClientError) -> ReachResponse {
    let gate = gate ?? requestGate
    let endpoint = plugin.endpoint
    let request: EndpointRequest
    do {
      request = try plugin.makeRequest(arguments)
    } catch {
      throw .invalidArguments(error)
    }
    for field in endpoint.fields where field.sensitive {
      if let value = arguments[field.name] { redactor.masker.register(value) }
    }
    redactor.learnSensitive(in: .object(arguments))
    var headers: [(String, String)] = [
      ("Authorization", target.credentials.authorization),
      ("x-api-key", target.credentials.apiKey),
      ("Accept", "application/json"),
    ]
    headers += request.headers.map { ($0.name, $0.value) }
    var bodyBytes: [UInt8]? = nil
    if let body = request.body {
      bodyBytes = body.jsonBytes()
      headers.append(("Content-Type", "application/json"))
    }
    let wire = HTTPRequestData(
      method: request.method, url: target.baseURL + request.pathAndQuery, headers: headers, body: bodyBytes)
    let shown = Self.shown(endpoint, arguments, secret: secret, url: target.baseURL)
    let recorded = shown.map { HTTPRequestData(method: wire.method, url: $0.url, headers: headers, body: nil) } ?? wire
    let recordedBody = shown.map(\.body) ?? request.body
    let check = endpoint.async?.statusEndpoint ?? (endpoint.changesState ? "customer.info" : nil)

    var attempt = 0
    var consecutive = (kind: 0, count: 0)
    var last: ReachResponse?
    while true {
      attempt += 1
      var sentAt: Duration?
      // The permit is taken after the rate-limit slot: a request waiting for its slot holds no
      // connection. A 429's hold that began while it waited for the permit holds it too: it gives
      // the permit back and takes a new slot.
      while true {
        var holds = 0
        if let rateLimiter {
          do { sentAt = try await rateLimiter.acquire() } catch { throw .cancelled }
          holds = rateLimiter.holds
        }
        guard let gate else { break }
        guard await gate.enter() else { throw gate.refusal(endpoint.id) }
        guard let rateLimiter, rateLimiter.holds != holds else { break }
        gate.release()
      }
      let started = ContinuousClock.now
      let failure: RetryPolicy.Failure
      var limitHeaders: RateLimitHeaders?
      // A 429's permit is given back only once the limiter knows of it, so that no request
      // waiting for the permit goes out in between.
      var kept = false
      do throws(TransportError) {
        let response: HTTPResponseData
        do throws(TransportError) {
          response = try await transport.send(wire)
        } catch {
          gate?.leave(status: nil)
          throw error
        }
        if response.status == 429, gate != nil {
          kept = true
        } else {
          gate?.leave(status: response.status)
        }
        if let rateLimiter, rateLimiter.adaptive, response.status != 429 {
          await rateLimiter.answered(RateLimitHeaders(response))
        }
        let latency = ContinuousClock.now - started
        let body = ReachClient.decode(response.body)
        record(endpoint.id, attempt, recorded, recordedBody, answer: response, body: body, error: nil, started, latency)
        if response.status == 429 || response.status == 500 || response.status == 503 || response.status == 504 {
          last = ReachResponse(
            endpointID: endpoint.id, status: response.status, headers: response.headers, body: body,
            attempts: attempt, latency: latency)
          failure = .status(response.status, retryAfter: ReachClient.retryAfter(response.header("Retry-After")))
          if response.status == 429 { limitHeaders = RateLimitHeaders(response) }
        } else {
          learnSecrets(endpoint, body)
          return ReachResponse(
            endpointID: endpoint.id, status: response.status, headers: response.headers, body: body,
            attempts: attempt, latency: latency)
        }
      } catch {
        record(
          endpoint.id, attempt, recorded, recordedBody, answer: nil, body: nil, error: error.message, started,
          ContinuousClock.now - started)
        guard error.mayHaveBeenReceived else {
          // Never connected: nothing can have happened, so resending is always safe, unless it
          // cannot help (a certificate refused fails at once).
          if !error.permanent, consecutive.count < policy.maxUnavailableRetries {
            consecutive = (kind: -1, count: consecutive.kind == -1 ? consecutive.count + 1 : 1)
            try await pause(policy.backoff(consecutive.count - 1))
            continue
          }
          throw .transport(endpointID: endpoint.id, message: redactor.redact(error.message))
        }
        failure = .connectionLost
      }
      let kind: Int
      switch failure {
      case .status(let code, _): kind = code
      case .connectionLost: kind = 0
      }
      let previous = consecutive.kind == kind ? consecutive.count : 0
      let decision = policy.decide(failure, previous: previous, retrySafe: endpoint.retrySafe)
      // This request backs off as 2.4 says; the limiter learns from the 429 and holds every
      // worker sharing it (a fixed one always, an adaptive one in a storm) for the longer of
      // that back-off and the 429's `Retry-After` (assumption: the guide names no header).
      if case .retry(let delay) = decision, kind == 429, case .status(_, let asked) = failure {
        await rateLimiter?.rateLimited(retryAfter: delay, asked: asked, sentAt: sentAt, headers: limitHeaders)
      }
      // The platform said stop: nothing more goes through this gate, not even the calls that
      // wait for the permit given back below.
      if case .rateLimitExhausted = decision {
        gate?.close(after: .rateLimitExhausted(endpointID: endpoint.id, attempts: attempt))
      }
      if kept { gate?.leave(status: 429) }
      switch decision {
      case .retry(let delay):
        consecutive = (kind: kind, count: previous + 1)
        logger.notice("retrying '\(endpoint.id)' in \(delay) after \(kind == 0 ? "a lost connection" : "HTTP \(kind)")")
        try await pause(delay)
      case .rateLimitExhausted:
        throw .rateLimitExhausted(endpointID: endpoint.id, attempts: attempt)
      case .outcomeUnknown:
        throw .outcomeUnknown(endpointID: endpoint.id, status: kind == 0 ? nil : kind, check: check)
      case .fail:
        // The last answer is final: hand it back like any other.
        guard kind != 0, let last else {
          throw .transport(endpointID: endpoint.id, message: "the connection was lost \(attempt) times")
        }
        return last
      }
    }
  }

  private func pause(_ delay: Duration) async throws(ReachClientError) {
    do {
      try await clock.sleep(for: delay)
    } catch {
      throw .cancelled
    }
  }

  /// The request as it is recorded when arguments are given from a secret: each of them `***`,
  /// in the path, the query and the body. Built from tokens, so encoding leaves them findable.
  static func shown(_ endpoint: Endpoint, _ arguments: [String: JSONValue], secret: Set<String>, url base: String)
    -> (url: String, body: JSONValue?)?
  {
    let names = secret.filter { arguments[$0].map { !$0.isNull } ?? false }
    guard !names.isEmpty else { return nil }
    var tokened = arguments
    var tokens: [String] = []
    for name in names.sorted() {
      let token = "SECRETARGUMENT\(tokens.count)X"
      tokens.append(token)
      tokened[name] = .string(token)
    }
    let request = EndpointRequest.build(endpoint, arguments: tokened)
    func untokened(_ text: String) -> String {
      guard text.contains("SECRETARGUMENT") else { return text }
      var result = text
      // Longest first, so SECRETARGUMENT1X never eats the start of SECRETARGUMENT12X.
      for token in tokens.sorted(by: { $0.count > $1.count }) { result = result.replacing(token, with: Redactor.mask) }
      return result
    }
    func untokened(_ value: JSONValue) -> JSONValue {
      switch value {
      case .string(let text): return .string(untokened(text))
      case .array(let items): return .array(items.map(untokened))
      case .object(let object): return .object(object.mapValues(untokened))
      default: return value
      }
    }
    return (untokened(base + request.pathAndQuery), request.body.map(untokened))
  }

  private func learnSecrets(_ endpoint: Endpoint, _ body: JSONValue) {
    for field in endpoint.response where field.sensitive && !field.path.contains("[]") {
      if let value = body.value(atPath: field.path) { redactor.masker.register(value) }
    }
    redactor.learnSensitive(in: body)
  }

  private func record(
    _ id: String, _ attempt: Int, _ wire: HTTPRequestData, _ requestBody: JSONValue?, answer: HTTPResponseData?,
    body: JSONValue?, error: String?, _ started: ContinuousClock.Instant, _ latency: Duration
  ) {
    // Redacting every exchange costs a bulk run dearly: only when someone will read it.
    guard onExchange != nil || logger.logLevel <= .debug else { return }
    let status = answer?.status
    let entry = ExchangeRecord(
      endpointID: id, attempt: attempt, method: wire.method.rawValue, url: redactor.redactURL(wire.url),
      requestHeaders: redactor.redact(headers: wire.headers), requestBody: requestBody.map(redactor.redact),
      status: status, statusText: answer?.reason, responseHeaders: redactor.redact(headers: answer?.headers ?? []),
      responseBody: body.map(redactor.redact), responseSize: answer?.body.count ?? 0, error: error.map(redactor.redact),
      started: started, latency: latency, timings: answer?.timings)
    logger.debug(
      "\(entry.method) \(entry.url) → \(status.map(String.init) ?? "no answer") (attempt \(attempt))")
    onExchange?(entry)
  }

  static func decode(_ bytes: [UInt8]) -> JSONValue {
    guard !bytes.isEmpty else { return .null }
    if let value = try? JSONParser.parse(bytes: bytes) { return value }
    return .string(String(decoding: bytes, as: UTF8.self))
  }

  /// `Retry-After` in seconds (the HTTP-date form is not used by the platform).
  static func retryAfter(_ header: String?) -> Duration? {
    guard let header, let seconds = Int(header.trimmingCharacters(in: .whitespaces)), seconds >= 0 else { return nil }
    return .seconds(seconds)
  }
}

extension ReachClient {
  /// Plays the customer on a hosted page of a sandbox target (the payment page at `link.url`,
  /// the add-card page): submits its form and returns the status and the redirect it answers
  /// with. Refused for a target that is not a sandbox and for a URL outside the target.
  public func submitHostedForm(url: String, fields: [(String, String)]) async throws(ReachClientError)
    -> (status: Int, location: String?)
  {
    guard target.isSandbox, url.hasPrefix(target.baseURL + "/") else {
      throw .notASandbox(target: target.isSandbox ? url : target.name)
    }
    let form = fields.map { PercentEncoding.encode($0.0) + "=" + PercentEncoding.encode($0.1) }.joined(separator: "&")
    let request = HTTPRequestData(
      method: .post, url: url, headers: [("Content-Type", "application/x-www-form-urlencoded")],
      body: Array(form.utf8))
    do {
      let response = try await transport.send(request)
      return (response.status, response.header("Location"))
    } catch {
      throw .transport(endpointID: "customer", message: redactor.redact(error.message))
    }
  }
}

extension ReachClient {
  /// A request to a sandbox target's own controls (`/__sandbox/…`, what `reach sandbox trigger`
  /// asks for): the target's credentials, to the target's base URL and nowhere else, sent once; a
  /// redirect is returned as the answer, never followed.
  public func sandboxControl(_ method: HTTPMethod, _ pathAndQuery: String, timeout: Duration? = nil)
    async throws(ReachClientError) -> HTTPResponseData
  {
    guard target.isSandbox, pathAndQuery.hasPrefix("/__sandbox/") else {
      throw .transport(endpointID: "sandbox", message: "'\(target.name)' has no sandbox control \(pathAndQuery)")
    }
    let request = HTTPRequestData(
      method: method, url: target.baseURL + pathAndQuery,
      headers: [
        ("Authorization", target.credentials.authorization), ("x-api-key", target.credentials.apiKey),
        ("Accept", "application/json"),
      ], body: nil, timeout: timeout)
    do {
      return try await transport.send(request)
    } catch {
      throw .transport(endpointID: "sandbox", message: redactor.redact(error.message))
    }
  }
}
