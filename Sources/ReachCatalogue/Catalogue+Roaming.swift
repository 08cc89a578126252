extension Catalogue {
  static let packQuoteFields: [Field] = [
    pathCustomerId,
    .body("packId", required: true, .nonEmpty, "From `roaming.offerings`.").from(packIdTemplate),
    .body("startDate", .date, "First day of the pack (default today)."),
  ]
  static let packIdTemplate = Provenance.guide("6", "/apisvc/v0/intl/roaming/pack/{packId}/autorenew")
  static let countryList = Provenance.guide("3.J step 1", "list of countries with zone, ildPulseSize")
  static let packList = Provenance.guide("3.J step 2", "validityDays, price")
  static let packStates = Provenance.assumption("the guide shows no IR pack status")
  /// What the sandbox tells of each pack bought (the guide shows none of it: our design).
  static let packDetails: [ResponseField] = [
    ResponseField("packs[].purchaseId", "The purchase."),
    ResponseField("packs[].customerId", "Its line.").from(.customerIdTerm),
    ResponseField("packs[].status", "The pack's state; USED_UP: its data is gone.").values(
      ["SCHEDULED", "ACTIVE", "USED_UP", "EXPIRED"], from: packStates),
    ResponseField("packs[].autoRenew", .boolean, "Renews automatically."),
    ResponseField("packs[].startDate", "First day of the pack."),
    ResponseField("packs[].expiryDate", "Last day of the pack."),
    ResponseField("packs[].renewals", .integer, "How many times it renewed."),
    ResponseField("packs[].renewalFailure", "Why the last renewal failed, if it did.").optional(),
  ]
  static let roamingEndpoints: [Endpoint] = [
    Endpoint(
      "roaming.countries", .get, "/apisvc/v0/intl/roaming/countries/mvne", "Get supported roaming countries",
      scenarios: [.j],
      fields: [
        .query("mvne", .string, .oneOf(["ATT"]), "The network: ATT.")
          .from(.guide("6", "/apisvc/v0/intl/roaming/countries/mvne?mvne=ATT"))
          .values(from: .guide("1.4", "the underlying network is AT&T (mvne=ATT)"))
      ],
      response: [
        ResponseField("countries[].countryCode", "ISO country code."),
        ResponseField("countries[].name", "Country."),
        ResponseField("countries[].zone", "Pricing zone.").from(countryList),
        ResponseField("countries[].ildPulseSize", .integer, "Billing pulse in seconds.").from(countryList),
        ResponseField("countries[].pricePerMinute", .number, "Voice."),
        ResponseField("countries[].pricePerMB", .number, "Data."),
        ResponseField("countries[].pricePerSMS", .number, "SMS."),
      ]),
    Endpoint(
      "roaming.offerings", .post, "/apisvc/v0/get/additional/offerings", "Get available IR packs for countries",
      scenarios: [.j],
      fields: [
        .body("countries", .list(.string), required: true, "Country codes the customer travels to."),
        .body("customerId", .nonEmpty, "The subscriber, for eligibility.").from(.customerIdTerm),
      ],
      response: [
        ResponseField("packs[].packId", "Use in quote and purchase.").from(packIdTemplate),
        ResponseField("packs[].name", "Daily Pass, Weekly Pass, …"),
        ResponseField("packs[].dataMB", .integer, "Data allowance."),
        ResponseField("packs[].voiceMinutes", .integer, "Voice minutes."),
        ResponseField("packs[].sms", .integer, "SMS."),
        ResponseField("packs[].validityDays", .integer, "Validity.").from(packList),
        ResponseField("packs[].price", .number, "Price.").from(packList),
        ResponseField("packs[].zones", .list(.string), "The roaming zones it covers (ours: Z1, Z2, Z3)."),
      ],
      changesState: false),
    Endpoint(
      "roaming.quote", .post, "/apisvc/v0/intl/roaming/pack/quote/customer/{customerId}", "Get IR pack quote",
      scenarios: [.j], fields: packQuoteFields,
      response: [
        ResponseField("packId", "The pack.").from(packIdTemplate),
        ResponseField("price", .number, "Price."),
        ResponseField("tax", .number, "Tax."),
        ResponseField("total", .number, "Total."),
        ResponseField("startDate", "First day of the pack."),
        ResponseField("expiryDate", "Last day of the pack."),
      ],
      changesState: false),
    Endpoint(
      "roaming.purchase", .post, "/apisvc/v0/intl/roaming/pack/purchase/customer/{customerId}", "Purchase IR pack",
      scenarios: [.j],
      fields: packQuoteFields + [ccUUID.isOptional.with(summary: "The card to charge (default card when absent).")],
      response: [
        ResponseField("purchaseId", "The purchase."),
        ResponseField("packId", "The pack.").from(packIdTemplate),
        ResponseField("status", "ACTIVE, or SCHEDULED until a later startDate.").values(
          ["ACTIVE", "SCHEDULED"], from: packStates),
        ResponseField("startDate", "First day of the pack."),
        ResponseField("expiryDate", "Last day of the pack."),
        ResponseField("total", .number, "Charged."),
      ]),
    Endpoint(
      "roaming.packGroup", .get, "/apisvc/v0/intl/roaming/pack/group", "Get IR pack group details",
      scenarios: [.j], fields: [groupIdQuery],
      response: [
        ResponseField("groupId", "The group.").from(.groupIdTerm),
        ResponseField("packs[].packId", "A pack.").from(packIdTemplate),
        ResponseField("packs[].customerId", "Its line.").from(.customerIdTerm),
        ResponseField("packs[].status", "The pack's state; USED_UP: its data is gone.").values(
          ["SCHEDULED", "ACTIVE", "USED_UP", "EXPIRED"], from: packStates),
        ResponseField("packs[].autoRenew", .boolean, "Renews automatically."),
        ResponseField("packs[].remainingDataMB", .integer, "Data left."),
        ResponseField("packs[].remainingVoiceMinutes", .integer, "Minutes left."),
        ResponseField("packs[].remainingSms", .integer, "SMS left."),
      ] + packDetails.filter { !["packs[].customerId", "packs[].status", "packs[].autoRenew"].contains($0.path) }),
    Endpoint(
      "roaming.autoRenew", .post, "/apisvc/v0/intl/roaming/pack/{packId}/autorenew", "Set IR pack auto-renew",
      scenarios: [.j],
      fields: [
        .path("packId", .nonEmpty, "The pack."),
        customerId,
        .body("autoRenew", .boolean, required: true, "Renew automatically."),
      ],
      response: [
        ResponseField("packId", "The pack.").from(packIdTemplate),
        ResponseField("autoRenew", .boolean, "The setting now."),
        ResponseField("purchaseId", "The purchase the setting applies to: the line's latest of this pack."),
        ResponseField("status", "The pack's state; only a pack still to run can renew.").values(
          ["SCHEDULED", "ACTIVE"], from: packStates),
      ],
      retrySafe: true),
    Endpoint(
      "roaming.usage", .get, "/apisvc/v0/intl/roaming/pack/usage", "Get IR pack remaining usage",
      scenarios: [.j], fields: [.query("customerId", .string, .nonEmpty, "The subscriber.").from(.customerIdTerm)],
      response: [
        ResponseField("customerId", "The subscriber.").from(.customerIdTerm),
        ResponseField("packs[].packId", "A pack.").from(packIdTemplate),
        ResponseField("packs[].remainingDataMB", .integer, "Data left."),
        ResponseField("packs[].remainingVoiceMinutes", .integer, "Minutes left."),
        ResponseField("packs[].remainingSms", .integer, "SMS left."),
      ] + packDetails),
  ]
}
