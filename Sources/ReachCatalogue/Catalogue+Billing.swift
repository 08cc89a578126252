extension Catalogue {
  static let billRecord = Provenance.guide("3.H step 1", "bill records with billId, amount, dueDate, status")
  static let billResponse: [ResponseField] = [
    ResponseField("billId", "The bill.").from(billRecord),
    ResponseField("amount", .number, "Amount due.").from(billRecord),
    ResponseField("dueDate", "Due date.").from(billRecord),
    ResponseField("status", "The bill's state.").from(billRecord).values(
      ["DUE", "PAID", "OVERDUE"], from: .assumption("the guide names a bill's status, not its values")),
  ]
  static let ccUUID = Field.body("ccUUID", required: true, .nonEmpty, "The card to charge (`uuid` from `card.list`).")
    .from(.ccUUIDTerm)

  static let billingEndpoints: [Endpoint] = [
    Endpoint(
      "billing.bills", .get, "/apisvc/v0/billing/customer/{customerId}", "Get all bills for a customer",
      scenarios: [.h], fields: [pathCustomerId],
      response: [ResponseField("customerId", "The subscriber.").from(.customerIdTerm)]
        + billResponse.map { $0.nested(under: "bills[].") }),
    Endpoint(
      "billing.billDetails", .get, "/apisvc/v0/billing/customize/{billId}", "Get specific bill details",
      scenarios: [.h], fields: [.path("billId", .nonEmpty, "From `billing.bills`.")],
      response: billResponse + [
        ResponseField("customerId", "The subscriber.").from(.customerIdTerm),
        ResponseField("invoiceId", "The invoice for this bill (`invoice.link`)."),
        ResponseField("items[].description", "Line item."),
        ResponseField("items[].amount", .number, "Line item amount."),
      ]),
    Endpoint(
      "billing.pay", .post, "/apisvc/v0/payment/customer", "Pay a bill", scenarios: [.h],
      fields: [
        customerId,
        .body("billId", required: true, .nonEmpty, "The bill to pay.").from(billRecord),
        ccUUID,
        .body("amount", .number, required: true, "Amount to pay (the bill's amount)."),
      ],
      response: [
        ResponseField("paymentId", "The payment."),
        ResponseField("status", "The payment's outcome.").values(
          ["SUCCESS", "DECLINED"], from: .assumption("the guide shows no bill payment response")),
        ResponseField("billStatus", "The bill's status after payment."),
      ]),
    Endpoint(
      "invoice.history", .get, "/apisvc/v0/invoice/history/{customerId}", "Get invoice history",
      scenarios: [.h], fields: [pathCustomerId],
      response: [
        ResponseField("customerId", "The subscriber.").from(.customerIdTerm),
        ResponseField("invoices[].invoiceId", "The invoice."),
        ResponseField("invoices[].billId", "Its bill."),
        ResponseField("invoices[].amount", .number, "Amount."),
        ResponseField("invoices[].date", "Issue date."),
      ]),
    Endpoint(
      "invoice.link", .get, "/apisvc/v0/invoice/link/generate", "Generate invoice PDF download link",
      scenarios: [.h],
      fields: [
        .query("customerId", .string, .nonEmpty, "The subscriber.").from(.customerIdTerm),
        .query("invoiceId", .string, .nonEmpty, "From `billing.billDetails` or `invoice.history`."),
      ],
      response: [
        ResponseField("link.url", "Time-limited PDF download URL."),
        ResponseField("link.expireDate", "When it expires."),
      ]),
    Endpoint(
      "invoice.email", .post, "/apisvc/v0/invoice/sendemail", "Email invoice to customer",
      scenarios: [.h],
      fields: [
        customerId,
        .body("invoiceId", required: true, .nonEmpty, "The invoice."),
        .body("email", .email, "Send here instead of the address on file."),
      ],
      response: [ResponseField("sent", .boolean, "Queued for delivery."), ResponseField("email", "Where it went.")],
      retrySafe: true),
  ]
}
