import HTTPTypes
import Hummingbird
import NIOCore
import ReachCatalogue
import ReachEndpoints

/// Turns HTTP requests into catalogue calls on the state: route, authenticate, collect and
/// validate arguments, answer, audit.
struct SandboxResponder: Sendable {
  let state: SandboxState
  let credentials: SandboxCredentials
  let webhook: SandboxWebhook?
  /// Where injected latency is slept: real time, not the sandbox's scaled clock.
  let sleeper: any Clock<Duration>
  let routes = RouteTable()
  /// The exact `Authorization` value of the credentials: the common case skips decoding it.
  let expectedAuthorization: String

  init(
    state: SandboxState, credentials: SandboxCredentials, webhook: SandboxWebhook?, sleeper: any Clock<Duration>
  ) {
    self.state = state
    self.credentials = credentials
    self.webhook = webhook
    self.sleeper = sleeper
    expectedAuthorization = credentials.authorization
  }

  static let maxBody = 1 << 20

  /// A request from the router (`reach sandbox serve`, the embedded sandbox and the tests alike):
  /// the body collected, then `respond(_:body:)`.
  func respond(to request: Request) async -> Response {
    var body: ByteBuffer? = ByteBuffer()
    if SentHeaders(request.headers).mayHaveBody {
      if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > Self.maxBody {
        return Self.error(.tooLarge).response
      }
      var request = request
      do {
        body = try await request.collectBody(upTo: Self.maxBody)
      } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
        return Self.error(.tooLarge).response
      } catch {
        body = nil
      }
    }
    return await respond(SandboxRequest(request.head), body: body).response
  }

  /// The answer to a request whose body is in (nil: it could not be read, or is over `maxBody`).
  /// Callbacks the request made due are queued for delivery in the background; with a state file,
  /// what the request changed is saved before the answer goes out.
  func respond(_ request: SandboxRequest, body: ByteBuffer?) async -> SandboxAnswer {
    if request.isSandboxPage {
      var answer: SandboxAnswer
      do throws(SandboxError) {
        answer = try await sandboxPage(request, body: body)
      } catch {
        answer = Self.error(error)
      }
      if let failure = await finish(in: state) { answer = Self.error(failure) }
      return answer
    }
    let call = prepare(request, body: body)
    if let latency = state.options.faults.latency, routes.match(request) != nil {
      try? await sleeper.sleep(for: latency)
    }
    return await perform(call, in: state).answer
  }

  /// Everything about a platform call that needs no state: the body (400), the route (404, 405),
  /// the credentials (401), the arguments and their validation. A failure to collect or validate
  /// the arguments is kept for `perform`, because the rate limit answers before it.
  func prepare(_ request: SandboxRequest, body: ByteBuffer?) -> Result<PreparedCall, SandboxError> {
    guard let body else { return .failure(.unreadableBody) }
    guard let match = routes.match(request) else {
      let allow = routes.methods(at: request.path)
      return .failure(
        allow.isEmpty
          ? SandboxError.notFound("no endpoint at \(request.method) \(request.path)")
          : SandboxError.methodNotAllowed(request.method, request.path, allow: allow))
    }
    do throws(SandboxError) {
      try authenticate(request, endpoint: match.endpoint)
      try Self.checkMediaType(request, body: body)
    } catch {
      return .failure(error)
    }
    let arguments: Result<[String: JSONValue], SandboxError>
    do throws(SandboxError) {
      var headers: [String: String] = [:]
      if match.endpoint.fields.contains(where: { $0.location == .header }) { headers = request.allHeaders() }
      let collected = try RequestArguments.collect(
        endpoint: match.endpoint, path: match.pathParameters, query: request.query, headers: headers,
        body: try RequestArguments.parseBody(body.readableBytesView))
      let issues = match.plugin.validate(collected, unresolved: [])
      arguments = issues.isEmpty ? .success(collected) : .failure(.badRequest(issues))
    } catch {
      arguments = .failure(error)
    }
    return .success(
      PreparedCall(
        id: match.id, endpoint: match.endpoint, method: request.method, path: request.path,
        apiKey: request.sent.apiKey ?? "",
        arguments: arguments))
  }

  /// The state's part of a platform call, on its executor: the rate limit, an injected fault, the
  /// change, the audit, then `finish`.
  func perform(_ call: Result<PreparedCall, SandboxError>, in state: isolated SandboxState) -> SandboxOutcome {
    var outcome: SandboxOutcome
    switch call {
    case .failure(let error): outcome = .error(error)
    case .success(let call): outcome = perform(call, in: state)
    }
    if let failure = finish(in: state) { outcome = .error(failure) }
    return outcome
  }

  private func perform(_ call: PreparedCall, in state: isolated SandboxState) -> SandboxOutcome {
    if let limit = state.options.rateLimit, let retryAfter = state.admit(apiKey: call.apiKey) {
      return .rateLimited(retryAfter: retryAfter, limit: limit)
    }
    do throws(SandboxError) {
      let arguments = try call.arguments.get()
      let fault = state.options.faults.rates.isEmpty ? nil : state.drawFault()
      if let fault, fault != 504 || !call.endpoint.changesState {
        throw SandboxError(status: fault, errors: [], message: "injected fault: the platform answered \(fault)")
      }
      let (status, answer) = try state.handle(call.id, arguments)
      if call.endpoint.changesState {
        let customerId = arguments["customerId"]?.stringValue ?? answer["customerId"]?.stringValue
        state.record(
          method: call.method, path: call.path, endpointID: call.endpoint.id, customerId: customerId,
          outcome: fault.map { "\($0) after the change" } ?? String(status))
      }
      if let fault {
        throw SandboxError(
          status: fault, errors: [], message: "upstream timeout: the request may have partially succeeded")
      }
      return .json(status, answer)
    } catch {
      return .error(error)
    }
  }

  /// Saves what the request changed (with a state file) and queues the callbacks it made due; the
  /// 500 to answer instead when the state file could not be written.
  func finish(in state: isolated SandboxState) -> SandboxError? {
    var failure: SandboxError?
    if state.store != nil {
      do throws(SandboxStoreError) {
        try state.commit()
      } catch {
        failure = SandboxError(status: 500, errors: [], message: error.description)
      }
    }
    if let webhook {
      let callbacks = state.takeOutbox()
      if !callbacks.isEmpty { webhook.enqueue(callbacks) }
    }
    return failure
  }

  func authenticate(_ request: SandboxRequest, endpoint: Endpoint) throws(SandboxError) {
    let authorization = request.sent.authorization
    let apiKey = request.sent.apiKey
    if authorization != expectedAuthorization || apiKey != credentials.apiKey,
      let problem = credentials.problem(authorization: authorization, apiKey: apiKey)
    {
      throw .unauthorized(problem)
    }
    if endpoint.field(named: "bypass-token") != nil,
      request.header("bypass-token")?.lowercased() != "true"
    {
      throw .unauthorized("\(endpoint.id) requires the header 'bypass-token: true' (1.3)")
    }
  }

  /// A body with content must say it is JSON (`application/json`, or a `+json` type), as the
  /// platform's API is JSON (guide 1); a body of only whitespace counts as none.
  static func checkMediaType(_ request: SandboxRequest, body: ByteBuffer) throws(SandboxError) {
    guard body.readableBytesView.contains(where: { !JSONParser.isSpace($0) }) else { return }
    let type = request.header("content-type")
    let essence = String((type ?? "").prefix { $0 != ";" }.filter { !$0.isWhitespace }).lowercased()
    guard essence == "application/json" || (essence.hasPrefix("application/") && essence.hasSuffix("+json")) else {
      throw .unsupportedMediaType(type)
    }
  }

  /// The sandbox's own pages, outside the platform's path space.
  func sandboxPage(_ request: SandboxRequest, body: ByteBuffer?) async throws(SandboxError) -> SandboxAnswer {
    guard let body else { throw SandboxError.unreadableBody }
    let (method, path) = (request.method, request.path)
    let parts = path.split(separator: "/").map(String.init)
    switch (method, parts.count > 1 ? parts[1] : "", parts.count) {
    case ("GET", "audit", 2):
      let (entries, omitted) = await state.auditLog()
      return Self.json(200, ["entries": .array(entries.map(\.json)), "omitted": .int(omitted)])
    case (_, "pay", 3):
      return try await HostedPages.payment(
        state: state, method: method, transactionId: parts[2], form: String(buffer: body))
    case (_, "addcard", 3):
      return try await HostedPages.addCard(state: state, method: method, token: parts[2], form: String(buffer: body))
    case ("POST", "trigger", 3):
      if let problem = credentials.problem(authorization: request.sent.authorization, apiKey: request.sent.apiKey) {
        throw SandboxError.unauthorized(problem)
      }
      let customerId = request.query.first { $0.0 == "customerId" }?.1
      return try await trigger(event: parts[2], customerId: customerId, path: path)
    default:
      throw .notFound("no sandbox page at \(method) \(path)")
    }
  }

  static func error(_ error: SandboxError) -> SandboxAnswer {
    var headers: HTTPFields = [.contentType: "application/json"]
    for (name, value) in error.headers { headers[name] = value }
    return SandboxAnswer(status: error.status, headers: headers, body: error.body.jsonBuffer)
  }

  static func json(_ status: Int, _ body: JSONValue) -> SandboxAnswer {
    SandboxAnswer(status: status, headers: [.contentType: "application/json"], body: body.jsonBuffer)
  }
}

/// What the responder reads of a request: method, path, query and the headers every call looks
/// at.
struct SandboxRequest: Sendable {
  let method: String
  let path: String
  let query: [(String, String)]
  let sent: SentHeaders
  private let headers: HTTPFields

  init(_ head: HTTPRequest) {
    method = head.method.rawValue
    (path, query) = Self.split(head.path ?? "/")
    sent = SentHeaders(head.headerFields)
    headers = head.headerFields
  }

  private static func split(_ target: String) -> (String, [(String, String)]) {
    guard let mark = target.firstIndex(of: "?") else { return (target, []) }
    return (String(target[..<mark]), FormEncoding.pairs(String(target[target.index(after: mark)...])))
  }

  var isSandboxPage: Bool { path.hasPrefix("/__sandbox/") }

  /// A header's value (its values joined with ", " when it was sent more than once).
  func header(_ name: String) -> String? { HTTPField.Name(name).flatMap { headers[$0] } }

  /// Every header by its lowercased name, for the endpoints that take header fields.
  func allHeaders() -> [String: String] {
    var all: [String: String] = [:]
    for field in headers { all[field.name.canonicalName] = field.value }
    return all
  }
}

/// A platform call once the state has had its say: the answer's JSON, an error, or a 429.
enum SandboxOutcome: Sendable {
  static let rateLimitPolicy = HTTPField.Name("RateLimit-Policy")!
  static let rateLimitLimit = HTTPField.Name("RateLimit-Limit")!
  static let rateLimitRemaining = HTTPField.Name("RateLimit-Remaining")!
  static let rateLimitReset = HTTPField.Name("RateLimit-Reset")!

  case json(Int, JSONValue)
  case error(SandboxError)
  /// Beyond `limit` calls a second: `Retry-After`, and the limit in the IETF draft's
  /// `RateLimit-*` headers (the guide names none; an assumption of ours, so clients can learn it).
  case rateLimited(retryAfter: Int, limit: Int)

  var answer: SandboxAnswer {
    switch self {
    case .json(let status, let body): return SandboxResponder.json(status, body)
    case .error(let error): return SandboxResponder.error(error)
    case .rateLimited(let retryAfter, let limit):
      var answer = SandboxResponder.error(SandboxError(status: 429, errors: [], message: "rate limit exceeded"))
      answer.headers[.retryAfter] = String(retryAfter)
      answer.headers[SandboxOutcome.rateLimitPolicy] = "\(limit);w=1"
      answer.headers[SandboxOutcome.rateLimitLimit] = String(limit)
      answer.headers[SandboxOutcome.rateLimitRemaining] = "0"
      answer.headers[SandboxOutcome.rateLimitReset] = String(retryAfter)
      return answer
    }
  }
}

/// A platform call as `prepare` leaves it for the state.
struct PreparedCall: Sendable {
  let id: EndpointID
  let endpoint: Endpoint
  let method: String
  let path: String
  let apiKey: String
  let arguments: Result<[String: JSONValue], SandboxError>
}

/// An answer: status, headers and the whole body, sent as a Hummingbird `Response`.
struct SandboxAnswer: Sendable {
  var status: Int
  var headers: HTTPFields
  var body: ByteBuffer

  var response: Response {
    Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: body))
  }
}

extension RouteTable {
  func match(_ request: SandboxRequest) -> Match? {
    match(method: request.method, path: request.path, queryNames: Set(request.query.map(\.0)))
  }
}
