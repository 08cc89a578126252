import ReachCatalogue
import ReachClient
import Testing

@Suite struct HostedFormTests {
  @Test func customerActionsAreForSandboxTargetsAndTheirOwnPagesOnly() async throws {
    let server = ScriptedServer([(302, [("Location", "https://brand.example/done?transId=T1")], "")])
    try await server.run { url in
      let real = ReachClient(target: try TestSecrets.target(url), clock: VirtualClock())
      await #expect(throws: ReachClientError.self) { try await real.submitHostedForm(url: url + "/pay/T1", fields: []) }
      let sandbox = ReachClient(
        target: try Target(name: "sandbox", baseURL: url, credentials: TestSecrets.credentials(), isSandbox: true),
        clock: VirtualClock())
      await #expect(throws: ReachClientError.self) {
        try await sandbox.submitHostedForm(url: "http://127.0.0.1:1/pay/T1", fields: [])
      }
      let answer = try await sandbox.submitHostedForm(url: url + "/pay/T1", fields: [("cardNumber", "4242 4242")])
      #expect(answer.status == 302)
      #expect(answer.location == "https://brand.example/done?transId=T1")
    }
    // Only the allowed one reached the server; the redirect was reported, not followed.
    #expect(server.received.count == 1)
    #expect(server.received[0].body == "cardNumber=4242%204242")
  }
}
