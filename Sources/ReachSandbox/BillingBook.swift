/// Scenario H's bills and their invoices: one part of `SandboxState`, owning the bill table and
/// the rules that need only bills. A bill has a `dueDate` (guide, Scenario H's bill list); that it
/// falls 30 days after the bill is issued, and the tax of `SandboxProducts.taxRate`, are
/// assumptions (the guide gives neither).
struct BillingBook: Sendable {
  /// Bills by billId (their rows in the state file).
  private(set) var bills = TrackedTable<SandboxBill>()

  static let dueAfter = Duration.seconds(30 * 86_400)

  init() {}

  init(bills: TrackedTable<SandboxBill>) { self.bills = bills }

  /// Turns change tracking on or off (on with a state file).
  mutating func track(_ on: Bool) { bills.tracking = on }

  /// Once the changes are saved.
  mutating func forgetChanges() { bills.forgetChanges() }

  subscript(billId: String) -> SandboxBill? { bills[billId] }

  /// The customer's bills, oldest first.
  func bills(of customerId: String) -> [SandboxBill] {
    bills.values.filter { $0.customerId == customerId }.sorted { $0.billId < $1.billId }
  }

  /// The customer's bill with this invoice.
  func invoice(_ invoiceId: String, of customerId: String) -> SandboxBill? {
    bills.values.first { $0.invoiceId == invoiceId && $0.customerId == customerId }
  }

  /// Files a bill as it is (one paid at once by a card charge).
  mutating func file(_ bill: SandboxBill) { bills[bill.billId] = bill }

  /// Files a bill for `amount` plus tax, due `dueAfter` from `now`.
  mutating func addDue(
    billId: String, invoiceId: String, customerId: String, amount: Double, description: String,
    at now: SandboxTime
  ) {
    let total = SandboxProducts.rounded(amount * (1 + SandboxProducts.taxRate))
    file(
      SandboxBill(
        billId: billId, invoiceId: invoiceId, customerId: customerId, amount: total, issued: now,
        dueDate: now.adding(Self.dueAfter).date, status: "DUE",
        items: [
          .init(description: description, amount: amount),
          .init(description: "Taxes and fees", amount: SandboxProducts.rounded(total - amount)),
        ]))
  }

  mutating func markPaid(_ billId: String) { bills[billId]?.status = "PAID" }
}
