import ReachCatalogue
import ReachEndpoints

/// Scenario H: bills, payments, invoices.
extension SandboxState {
  func addBill(customerId: String, amount: Double, description: String, at now: SandboxTime) {
    let billId = nextID("BILL")
    billing.addDue(
      billId: billId, invoiceId: nextID("INV"), customerId: customerId, amount: amount, description: description,
      at: now)
  }

  func bill(_ id: String) throws(SandboxError) -> SandboxBill {
    guard let bill = billing[id] else { throw .notFound("no bill with this billId") }
    return bill
  }

  func customerBills(_ customerId: String) -> [SandboxBill] { billing.bills(of: customerId) }

  func billList(_ a: BillingBillsEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    let c = try customer(a.customerId)
    return ["customerId": .string(c.customerId), "bills": .array(customerBills(c.customerId).map(\.json))]
  }

  func billDetails(_ a: BillingBillDetailsEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    let bill = try bill(a.billId)
    guard case .object(var body) = bill.json else { return bill.json }
    body["customerId"] = .string(bill.customerId)
    body["invoiceId"] = .string(bill.invoiceId)
    body["items"] = .array(bill.items.map { ["description": .string($0.description), "amount": .double($0.amount)] })
    return .object(body)
  }

  func payBill(_ a: BillingPayEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    let c = try customer(a.customerId)
    let bill = try bill(a.billId)
    guard bill.customerId == c.customerId else { throw .notFound("no bill with this billId for the customer") }
    let card = try card(a.ccUUID)
    guard card.customerId == c.customerId else { throw .notFound("no card with this id for the customer") }
    guard bill.status != "PAID" else { throw .conflict("this bill is already paid") }
    guard abs(a.amount - bill.amount) < 0.005 else {
      throw .badRequest([.init(field: "amount", message: "must equal the bill's amount")])
    }
    billing.markPaid(bill.billId)
    return ["paymentId": .string(nextID("PAY")), "status": "SUCCESS", "billStatus": "PAID"]
  }

  func invoiceHistory(_ a: InvoiceHistoryEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    let c = try customer(a.customerId)
    let invoices: [JSONValue] = customerBills(c.customerId).map {
      [
        "invoiceId": .string($0.invoiceId), "billId": .string($0.billId), "amount": .double($0.amount),
        "date": .string($0.issued.date),
      ]
    }
    return ["customerId": .string(c.customerId), "invoices": .array(invoices)]
  }

  func invoice(_ invoiceId: String, of customerId: String) throws(SandboxError) -> SandboxBill {
    let c = try customer(customerId)
    guard let bill = billing.invoice(invoiceId, of: c.customerId) else {
      throw .notFound("no invoice with this invoiceId for the customer")
    }
    return bill
  }

  func invoiceLink(_ a: InvoiceLinkEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    let bill = try invoice(a.invoiceId, of: a.customerId)
    return [
      "link": [
        "url": .string("\(baseURL)/__sandbox/invoice/\(bill.invoiceId).pdf"),
        "expireDate": .string(clock.now.adding(.seconds(3600)).iso8601),
      ]
    ]
  }

  func invoiceEmail(_ a: InvoiceEmailEndpoint.Arguments) throws(SandboxError) -> JSONValue {
    _ = try invoice(a.invoiceId, of: a.customerId)
    let c = try customer(a.customerId)
    return ["sent": true, "email": .string(a.email ?? c.email ?? "")]
  }
}
