import HTTPTypes
import Hummingbird
import ReachCatalogue

/// The pages a customer sees in a browser: the payment page behind `link.url` and the
/// add-card page. GET shows a small form; POST submits it and redirects with 302.
enum HostedPages {
  static func payment(
    state: SandboxState, method: String, transactionId: String, form: String
  ) async throws(SandboxError) -> SandboxAnswer {
    await state.settle()
    if method == "GET" {
      let (purchase, status) = try await state.paymentPage(transactionId)
      return html(
        """
        <h1>Reach sandbox payment</h1>
        <p>Transaction \(purchase.transactionId): \(status.rawValue)</p>
        <form method="post"><input name="cardNumber" value="\(MagicValues.defaultCard)">
        <button type="submit">Pay</button></form>
        """)
    }
    let card = FormEncoding.pairs(form).first { $0.0 == "cardNumber" }?.1
    let location = try await state.pay(transactionId, cardNumber: card)
    await state.record(
      method: method, path: "/__sandbox/pay/\(transactionId)", endpointID: "sandbox.pay", customerId: nil,
      outcome: "302")
    return redirect(location)
  }

  static func addCard(
    state: SandboxState, method: String, token: String, form: String
  ) async throws(SandboxError) -> SandboxAnswer {
    await state.settle()
    guard let link = await state.cardLink(token) else { throw .notFound("no add-card link with this id") }
    if method == "GET" {
      return html(
        """
        <h1>Reach sandbox: add a card</h1>
        <form method="post"><input name="cardNumber" value="\(MagicValues.defaultCard)">
        <button type="submit">Add card</button></form>
        """)
    }
    let card = FormEncoding.pairs(form).first { $0.0 == "cardNumber" }?.1
    let location = try await state.addCardOnPage(token, number: card)
    await state.record(
      method: method, path: "/__sandbox/addcard/\(token)", endpointID: "sandbox.addCard",
      customerId: link.customerId, outcome: "302")
    return redirect(location)
  }

  static func html(_ content: String) -> SandboxAnswer {
    SandboxAnswer(
      status: 200, headers: [.contentType: "text/html; charset=utf-8"],
      body: ByteBuffer(string: "<!doctype html><html><body>\(content)</body></html>"))
  }

  static func redirect(_ location: String) -> SandboxAnswer {
    SandboxAnswer(status: 302, headers: [.location: location], body: ByteBuffer())
  }
}
