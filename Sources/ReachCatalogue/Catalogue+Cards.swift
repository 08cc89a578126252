extension Catalogue {
  static let cardResponse: [ResponseField] = [
    ResponseField("uuid", "The card id (ccUUID) used in payment calls."),
    ResponseField("brand", "VISA, MASTERCARD, AMEX or DISCOVER."),
    ResponseField("last4", "Last four digits."),
    ResponseField("expiryMonth", .integer, "Expiry month."),
    ResponseField("expiryYear", .integer, "Expiry year."),
    ResponseField("isDefault", .boolean, "The primary payment option."),
    ResponseField("priority", .integer, "Charge order."),
  ]

  static let cardEndpoints: [Endpoint] = [
    Endpoint(
      "card.addLink", .put, "/apisvc/v0/account/generate/addcard/link/{customerId}",
      "Generate secure link to add a payment card", scenarios: [.g, .b],
      fields: [
        .path("customerId", .nonEmpty, "The subscriber."),
        redirectUrl.isRequired,
      ],
      response: [
        ResponseField("link.url", "The processor's hosted card page: redirect the customer here."),
        ResponseField("link.expireDate", "Link validity (ISO 8601)."),
      ],
      changesState: false),
    Endpoint(
      "card.list", .get, "/apisvc/v0/account/card", "List all cards for a customer",
      scenarios: [.b, .g, .h],
      fields: [.query("customerId", .string, .nonEmpty, "The subscriber.")],
      response: [ResponseField("customerId", "The subscriber.")]
        + cardResponse.map { ResponseField("cards[]." + $0.path, $0.type, $0.summary) }),
    Endpoint(
      "card.get", .get, "/apisvc/v0/account/card/specific", "Get a specific card by ID",
      scenarios: [.g], fields: [.query("cardId", .string, .nonEmpty, "The card's uuid.")],
      response: cardResponse),
    Endpoint(
      "card.setDefault", .put, "/apisvc/v0/account/card", "Set card as default",
      scenarios: [.g],
      fields: [
        .query("id", .string, .nonEmpty, "The card's uuid."),
        Field("default", in: .query, .boolean, constant: true, "Always true."),
      ],
      response: cardResponse, retrySafe: true),
    Endpoint(
      "card.update", .put, "/apisvc/v0/account/card", "Update card details (expiry, priority)",
      scenarios: [.g],
      fields: [
        .body("cardId", required: true, .nonEmpty, "The card's uuid."),
        .body("customerId", required: true, .nonEmpty, "The subscriber."),
        .body("expiryMonth", .integer, .range(1, 12), "New expiry month."),
        .body("expiryYear", .integer, .range(2000, 2100), "New expiry year."),
        .body("priority", .integer, .range(1, 99), "Charge order."),
      ],
      rules: [.atLeastOne(["expiryMonth", "expiryYear", "priority"])],
      response: cardResponse, retrySafe: true),
    Endpoint(
      "card.delete", .delete, "/apisvc/v0/account/card", "Delete a card from account",
      scenarios: [.g],
      fields: [
        .query("cardId", .string, .nonEmpty, "The card's uuid."),
        .query("customerId", .string, .nonEmpty, "The subscriber."),
      ],
      response: [ResponseField("deleted", .boolean, "True once removed.")]),
  ]
}
