import ReachCatalogue
import ReachEndpoints

/// `customer.resetVoicemailPin`: a temporary PIN goes to the subscriber by SMS. The PIN itself is
/// a secret: the sandbox neither keeps nor shows it, only when the reset happened.
extension SandboxState {
  func resetVoicemailPin(_ a: CustomerResetVoicemailPinEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    let c = try activeCustomer(a.customerId, for: "reset the voicemail PIN")
    let now = clock.now.iso8601
    lineBook[c.customerId]?.voicemailPinResetDate = now
    return [
      "customerId": .string(c.customerId), "resetDate": .string(now),
      "message": "A temporary PIN was sent to the subscriber by SMS; voicemail asks for a new one on first use.",
    ]
  }
}
