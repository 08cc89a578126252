import ArgumentParser
import ReachCatalogue
import ReachClient
import ReachEndpoints

struct CallCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "call",
    abstract: "Call one endpoint and print its JSON answer.",
    discussion: """
      Arguments go by field name (see `reach endpoints --json`); each lands in the path, query, \
      body or header as the catalogue says. name=value is typed by the field; name:=json passes \
      JSON as is. A value outside an enum that reach assumed (the guide lists no values) is sent \
      with a warning; --strict-contract refuses it. Exit status: 0 success, 1 HTTP error, 2 \
      invalid arguments (nothing sent), 3 rate limit exhausted or outcome unknown.
      """)

  @Argument(help: ArgumentHelp("The endpoint id, e.g. customer.info.", valueName: "endpoint-id"))
  var endpointID: String

  @Argument(help: ArgumentHelp("Arguments as name=value or name:=json.", valueName: "name=value"))
  var arguments: [String] = []

  @Option(name: .long, help: ArgumentHelp("Body fields as a JSON object, or @file.", valueName: "json|@file"))
  var body: String?

  @OptionGroup var targetOptions: TargetOptions

  @OptionGroup var contract: ContractOptions

  func run() async throws {
    let plugin: any EndpointPlugin
    do {
      plugin = try EndpointRegistry.standard.require(endpointID)
    } catch {
      Console.error(error.description)
      throw ExitStatus.invalid
    }
    let named: [String: JSONValue]
    do {
      named = try CallArguments.parse(arguments, body: body, for: plugin.endpoint)
    } catch {
      Console.error(error.description)
      throw ExitStatus.invalid
    }
    let issues = plugin.validate(named, unresolved: [])
    let refusing = issues.refusing(strict: contract.strict)
    for issue in issues where !refusing.contains(issue) {
      Console.error("warning: \(endpointID): \(issue); sent anyway (--strict-contract refuses it)")
    }
    guard refusing.isEmpty else {
      for issue in refusing { Console.error("\(endpointID): \(issue)") }
      throw ExitStatus.invalid
    }
    let target: Target
    let settings: AsyncHTTPTransport.Configuration
    do {
      target = try targetOptions.resolve()
      settings = try AsyncHTTPTransport.Configuration.forTarget(target)
    } catch {
      Console.error("\(error)")
      throw ExitStatus.invalid
    }
    try await AsyncHTTPTransport.with(settings) { transport in
      try await call(plugin, named, target: target, transport: transport)
    }
  }

  /// Sends the checked call and prints its answer.
  func call(
    _ plugin: any EndpointPlugin, _ named: [String: JSONValue], target: Target, transport: AsyncHTTPTransport
  ) async throws {
    let client = ReachClient(
      target: target, transport: transport,
      redactor: Redactor(credentials: target.credentials, masker: Console.masker))
    do {
      let response = try await client.send(plugin, named)
      let body = client.redactor.redact(response.body)
      if response.isSuccess {
        Console.out(body.jsonText(pretty: true))
      } else {
        Console.error("HTTP \(response.status) (\(ReachClientError.meaning(response.status)))")
        Console.out(body.jsonText(pretty: true))
        throw ExitStatus.failure
      }
    } catch let error as ReachClientError {
      Console.error(error.description)
      switch error {
      case .rateLimitExhausted, .outcomeUnknown, .notSent, .cancelled: throw ExitStatus.aborted
      case .invalidArguments, .unknownEndpoint: throw ExitStatus.invalid
      default: throw ExitStatus.failure
      }
    }
  }
}
