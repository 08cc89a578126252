extension Catalogue {
  static let cardResponse: [ResponseField] = [
    ResponseField("uuid", "The card id (ccUUID) used in payment calls.")
      .from(.guide("3.B step 2", "uuid (card UUID)")),
    ResponseField("brand", "The card network.").values(
      ["VISA", "MASTERCARD", "AMEX", "DISCOVER"], from: .assumption("the guide shows no card record")),
    ResponseField("last4", "Last four digits."),
    ResponseField("expiryMonth", .integer, "Expiry month."),
    ResponseField("expiryYear", .integer, "Expiry year."),
    ResponseField("isDefault", .boolean, "The primary payment option.")
      .from(.guide("3.B step 2", "Use the card where isDefault = true")),
    ResponseField("priority", .integer, "Charge order."),
  ]

  static let setDefault = Provenance.guide("6", "/apisvc/v0/account/card?id={cardId}&default=true")
  static let deleteCard = Provenance.guide("6", "/apisvc/v0/account/card?cardId={id}&customerId={cid}")

  static let cardEndpoints: [Endpoint] = [
    Endpoint(
      "card.addLink", .put, "/apisvc/v0/account/generate/addcard/link/{customerId}",
      "Generate secure link to add a payment card", scenarios: [.g, .b],
      fields: [
        .path("customerId", .nonEmpty, "The subscriber."),
        redirectUrl.isRequired,
      ],
      response: [
        ResponseField("link.url", "The processor's hosted card page: redirect the customer here.")
          .from(.guide("3.G step 1", "link.url — redirect customer here")),
        ResponseField("link.expireDate", "Link validity (ISO 8601).")
          .from(.guide("3.G step 1", "link.expireDate — link validity window")),
      ],
      changesState: false),
    Endpoint(
      "card.list", .get, "/apisvc/v0/account/card", "List all cards for a customer",
      scenarios: [.b, .g, .h],
      fields: [
        .query("customerId", .string, .nonEmpty, "The subscriber.")
          .from(.guide("6", "/apisvc/v0/account/card?customerId={customerId}"))
      ],
      response: [ResponseField("customerId", "The subscriber.").from(.customerIdTerm)]
        + cardResponse.map { $0.nested(under: "cards[].") }),
    Endpoint(
      "card.get", .get, "/apisvc/v0/account/card/specific", "Get a specific card by ID",
      scenarios: [.g],
      fields: [
        .query("cardId", .string, .nonEmpty, "The card's uuid.")
          .from(.guide("6", "/apisvc/v0/account/card/specific?cardId={id}"))
      ],
      response: cardResponse),
    Endpoint(
      "card.setDefault", .put, "/apisvc/v0/account/card", "Set card as default",
      scenarios: [.g],
      fields: [
        .query("id", .string, .nonEmpty, "The card's uuid.").from(setDefault),
        Field("default", in: .query, .boolean, constant: true, "Always true.").from(setDefault)
          .values(from: setDefault),
      ],
      response: cardResponse, retrySafe: true),
    Endpoint(
      "card.update", .put, "/apisvc/v0/account/card", "Update card details (expiry, priority)",
      scenarios: [.g],
      fields: [
        .body("cardId", required: true, .nonEmpty, "The card's uuid.").from(.ccUUIDTerm),
        .body("customerId", required: true, .nonEmpty, "The subscriber.").from(.customerIdTerm),
        .body("expiryMonth", .integer, .range(1, 12), "New expiry month."),
        .body("expiryYear", .integer, .range(2000, 2100), "New expiry year."),
        .body("priority", .integer, .range(1, 99), "Charge order.")
          .from(.guide("6", "Update card details (expiry, priority)")),
      ],
      rules: [.atLeastOne(["expiryMonth", "expiryYear", "priority"])],
      response: cardResponse, retrySafe: true),
    Endpoint(
      "card.delete", .delete, "/apisvc/v0/account/card", "Delete a card from account",
      scenarios: [.g],
      fields: [
        .query("cardId", .string, .nonEmpty, "The card's uuid.").from(deleteCard),
        .query("customerId", .string, .nonEmpty, "The subscriber.").from(deleteCard),
      ],
      response: [ResponseField("deleted", .boolean, "True once removed.")]),
  ]
}
