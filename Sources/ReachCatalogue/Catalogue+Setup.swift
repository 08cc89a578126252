extension Catalogue {
  /// 1.3: the one-time key generation, the only call that carries `bypass-token: true`.
  static let bypassToken = Provenance.guide("1.3", "Send bypass-token: true only for this endpoint")
  static let keys = Provenance.guide("1.3", "a permanent accountAccessKeyId and accountAccessSecreteKey")
  static let setupEndpoints: [Endpoint] = [
    Endpoint(
      "account.generateAccessKey", .put, "/opssvc/v0/clientapi/account/generataccesskey",
      "Generate permanent access key (one-time setup)", scenarios: [.setup],
      fields: [
        Field(
          "bypass-token", in: .header, .boolean, constant: true,
          "Sent only on this endpoint (1.3)."
        ).from(bypassToken).values(from: bypassToken),
        .body("keyName", "A label for the key pair, for your own records."),
      ],
      response: [
        ResponseField("accountAccessKeyId", sensitive: true, "The permanent access key id.").from(keys),
        ResponseField("accountAccessSecreteKey", sensitive: true, "The permanent secret (the guide's spelling).")
          .from(keys),
        ResponseField("createdDate", "When the keys were issued (ISO 8601)."),
      ],
      retrySafe: false)
  ]
}
