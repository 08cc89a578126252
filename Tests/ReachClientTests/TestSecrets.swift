import Foundation
import ReachClient

/// Canary credentials made fresh for each test: nothing that looks like a real one is committed.
enum TestSecrets {
  static func credentials() -> Credentials {
    Credentials(jwt: "canary-jwt-" + UUID().uuidString, apiKey: "canary-key-" + UUID().uuidString)
  }

  static func target(_ url: String, _ credentials: Credentials = credentials()) throws -> Target {
    try Target(name: "test", baseURL: url, credentials: credentials)
  }
}
