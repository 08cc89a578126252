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

  /// The answer; callbacks the request made due are queued for delivery in the background. With a
  /// state file, what the request changed is saved before the answer goes out.
  func respond(to request: Request) async -> Response {
    var response = await answer(request)
    if state.store != nil {
      do throws(SandboxStoreError) {
        try await state.commit()
      } catch {
        response = Self.error(SandboxError(status: 500, errors: [], message: error.description))
      }
    }
    if let webhook {
      let callbacks = await state.takeOutbox()
      if !callbacks.isEmpty { webhook.enqueue(callbacks) }
    }
    return response
  }

  func answer(_ request: Request) async -> Response {
    let path = request.uri.path
    let method = request.method.rawValue
    let sent = SentHeaders(request.headers)
    do {
      // A request with neither Content-Length nor Transfer-Encoding has no body (RFC 9112 6.3),
      // and no copy of the request is made to collect one.
      let body: ByteBuffer
      if sent.mayHaveBody {
        var request = request
        body = try await request.collectBody(upTo: Self.maxBody)
      } else {
        body = ByteBuffer()
      }
      if path.hasPrefix("/__sandbox/trigger/"),
        let problem = credentials.problem(authorization: sent.authorization, apiKey: sent.apiKey)
      {
        throw SandboxError.unauthorized(problem)
      }
      if path.hasPrefix("/__sandbox/") {
        return try await sandboxRoute(
          method: method, path: path, query: FormEncoding.pairs(request.uri.query), body: String(buffer: body))
      }
      let query = FormEncoding.pairs(request.uri.query)
      guard let match = routes.match(method: method, path: path, queryNames: Set(query.map(\.0))) else {
        throw routes.knowsPath(path)
          ? SandboxError(status: 405, errors: [], message: "method \(method) is not allowed on \(path)")
          : SandboxError.notFound("no endpoint at \(method) \(path)")
      }
      if let latency = state.options.faults.latency { try? await sleeper.sleep(for: latency) }
      try authenticate(request, sent, endpoint: match.endpoint)
      let apiKey = sent.apiKey ?? ""
      if state.options.rateLimit != nil, let retryAfter = await state.admit(apiKey: apiKey) {
        var response = Self.error(SandboxError(status: 429, errors: [], message: "rate limit exceeded"))
        response.headers[.retryAfter] = String(retryAfter)
        return response
      }
      var headers: [String: String] = [:]
      if match.endpoint.fields.contains(where: { $0.location == .header }) {
        for field in request.headers { headers[field.name.canonicalName] = field.value }
      }
      let arguments = try RequestArguments.collect(
        endpoint: match.endpoint, path: match.pathParameters, query: query, headers: headers,
        body: try RequestArguments.parseBody(body.readableBytesView))
      let issues = match.plugin?.validate(arguments, unresolved: []) ?? []
      guard issues.isEmpty else { throw SandboxError.badRequest(issues) }
      let fault = state.options.faults.rates.isEmpty ? nil : await state.drawFault()
      if let fault, fault != 504 || !match.endpoint.changesState {
        throw SandboxError(status: fault, errors: [], message: "injected fault: the platform answered \(fault)")
      }
      let (status, answer) = try await state.handle(match.endpoint, arguments)
      if match.endpoint.changesState {
        let customerId = arguments["customerId"]?.stringValue ?? answer["customerId"]?.stringValue
        await state.record(
          method: method, path: path, endpointID: match.endpoint.id, customerId: customerId,
          outcome: fault.map { "\($0) after the change" } ?? String(status))
      }
      if let fault {
        throw SandboxError(
          status: fault, errors: [], message: "upstream timeout: the request may have partially succeeded")
      }
      return Self.json(status, answer)
    } catch let error as SandboxError {
      return Self.error(error)
    } catch {
      return Self.error(.badRequest([ArgumentIssue(field: "body", message: "could not be read")]))
    }
  }

  func authenticate(_ request: Request, _ sent: SentHeaders, endpoint: Endpoint) throws(SandboxError) {
    let authorization = sent.authorization
    let apiKey = sent.apiKey
    if authorization != expectedAuthorization || apiKey != credentials.apiKey,
      let problem = credentials.problem(authorization: authorization, apiKey: apiKey)
    {
      throw .unauthorized(problem)
    }
    if endpoint.field(named: "bypass-token") != nil,
      request.headers[HTTPField.Name("bypass-token")!]?.lowercased() != "true"
    {
      throw .unauthorized("\(endpoint.id) requires the header 'bypass-token: true' (1.3)")
    }
  }

  /// The sandbox's own pages, outside the platform's path space.
  func sandboxRoute(
    method: String, path: String, query: [(String, String)], body: String
  ) async throws(SandboxError) -> Response {
    let parts = path.split(separator: "/").map(String.init)
    switch (method, parts.count > 1 ? parts[1] : "", parts.count) {
    case ("GET", "audit", 2):
      let entries = await state.auditLog()
      return Self.json(200, ["entries": .array(entries.map(\.json))])
    case (_, "pay", 3):
      return try await HostedPages.payment(state: state, method: method, transactionId: parts[2], form: body)
    case (_, "addcard", 3):
      return try await HostedPages.addCard(state: state, method: method, token: parts[2], form: body)
    case ("POST", "trigger", 3):
      let customerId = query.first { $0.0 == "customerId" }?.1
      return try await trigger(event: parts[2], customerId: customerId, path: path)
    default:
      throw .notFound("no sandbox page at \(method) \(path)")
    }
  }

  static func error(_ error: SandboxError) -> Response {
    Response(
      status: .init(code: error.status), headers: [.contentType: "application/json"],
      body: .init(byteBuffer: ByteBuffer(bytes: error.bodyBytes)))
  }

  static func json(_ status: Int, _ body: JSONValue) -> Response {
    Response(
      status: .init(code: status), headers: [.contentType: "application/json"],
      body: .init(byteBuffer: body.jsonBuffer))
  }
}
