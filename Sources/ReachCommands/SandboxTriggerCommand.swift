import ArgumentParser
import Foundation
import ReachCatalogue
import ReachClient
import ReachSandbox

/// `reach sandbox trigger`: a notification event of 4.1, sent by a running sandbox.
struct SandboxTriggerCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "trigger",
    abstract: "Make a running sandbox POST a notification event to its webhook.",
    discussion: """
      Events: \(NotificationType.allCases.map(\.rawValue).joined(separator: ", ")). Credentials come from \
      --jwt and --api-key, or else REACH_JWT and REACH_API_KEY. Exit status: 0 delivered, 1 refused or \
      not delivered, 2 invalid arguments.
      """)

  @Argument(help: ArgumentHelp("The event type, e.g. USAGE_NOTIFICATION.", valueName: "event"))
  var event: String

  @Option(name: .long, help: ArgumentHelp("The customerId the event is about.", valueName: "id"))
  var customer: String

  @Option(name: .long, help: ArgumentHelp("The running sandbox's base URL.", valueName: "url"))
  var sandbox = "http://127.0.0.1:8080"

  @Option(name: .long, help: ArgumentHelp("The sandbox's JWT (default: REACH_JWT).", valueName: "jwt"))
  var jwt: String?

  @Option(
    name: .customLong("api-key"),
    help: ArgumentHelp("The sandbox's x-api-key (default: REACH_API_KEY).", valueName: "key"))
  var apiKey: String?

  func validate() throws {
    guard NotificationType(rawValue: event) != nil else {
      throw ValidationError(
        "unknown event '\(event)'; use one of " + NotificationType.allCases.map(\.rawValue).joined(separator: ", "))
    }
    guard !customer.isEmpty else { throw ValidationError("--customer must not be empty") }
    // Refused before anything is sent: the credentials never travel in clear text off loopback.
    if let refusal = OutgoingURL.refusal(sandbox) { throw ValidationError("--sandbox: \(refusal)") }
  }

  /// The credentials from the options, else the environment.
  func credentials(environment: [String: String]) throws -> SandboxCredentials {
    let jwt = self.jwt ?? environment["REACH_JWT"] ?? ""
    let apiKey = self.apiKey ?? environment["REACH_API_KEY"] ?? ""
    guard !jwt.isEmpty, !apiKey.isEmpty else {
      throw ValidationError("give --jwt and --api-key, or set REACH_JWT and REACH_API_KEY")
    }
    return SandboxCredentials(jwt: jwt, apiKey: apiKey)
  }

  func run() async throws {
    let credentials: SandboxCredentials
    do {
      credentials = try self.credentials(environment: ProcessInfo.processInfo.environment)
    } catch {
      Console.error("\(error)")
      throw ExitStatus.invalid
    }
    let answer: SandboxTrigger.Answer
    do {
      answer = try await SandboxTrigger.fire(
        NotificationType(rawValue: event)!, customerId: customer, sandboxURL: sandbox, credentials: credentials)
    } catch {
      Console.error("cannot reach the sandbox at \(sandbox): \(error)")
      throw ExitStatus.failure
    }
    if answer.body != .null {
      Console.out(answer.body.jsonText(pretty: true))
    }
    if (300..<400).contains(answer.status) {
      Console.error(
        "the sandbox answered \(answer.status), a redirect: not followed, the credentials go to --sandbox alone")
      throw ExitStatus.failure
    }
    guard answer.status == 200 else {
      Console.error("the sandbox answered \(answer.status)")
      throw ExitStatus.failure
    }
    if let status = answer.body["webhookStatus"]?.intValue, !(200..<300).contains(status) {
      Console.error("the webhook did not accept the event (last status \(status))")
      throw ExitStatus.failure
    }
  }
}
