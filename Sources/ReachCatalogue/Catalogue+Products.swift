extension Catalogue {
  // The fields a purchase is made of. Quote and purchase share them (Scenario A step 5:
  // "same structure as the Quote body"); only what is required differs.
  static let planId = Field.body("planId", required: true, .nonEmpty, "The plan's `serviceCode`, exactly as fetched.")
    .from(.guide("3.A step 3", "use as planId in subsequent calls"))
  static let simType = Field.body("simType", .oneOf(SIMType.allCases.map(\.rawValue)), "PSIM or ESIM.")
    .from(.assumption("the guide names simType on a completed purchase (3.A step 9), not in a request"))
    .values(["PSIM"], from: SIMType.psim.provenance).values(["ESIM"], from: SIMType.esim.provenance)
  static let zip = Field.body("zip", .zip, "Service and shipping ZIP code.")
  static let redirectUrl = Field.body(
    "redirectUrl", .httpsURL,
    "Where the payment page sends the customer back: `{redirectUrl}?transId={transactionId}`."
  ).from(.redirectUrlTerm)
  static let customerId = Field.body("customerId", required: true, .nonEmpty, "The platform's subscriber id.")
    .from(.customerIdTerm)
  static let purchaseTypeAssumed = Provenance.assumption(
    "the guide tells renewal, add lines and top-up apart in prose (3.B), not by a field")
  static let topupAsPlanId = Provenance.assumption(
    "3.B buys a top-up through the quote and /subsequent endpoints and 3.A step 3 makes serviceCode the planId;"
      + " no body shows how a pack is named")
  static let portInFieldNames = ["numberToPort", "oldCarrier", "oldCarrierAccountNumber", "password", "oldZip"]

  static let purchaseFields: [Field] = [
    .body("clientAccountId", .nonEmpty, "Your brand's own reference for the account.")
      .from(.guide("1.4", "You supply this during purchase")),
    .body("firstName", .nonEmpty, "Subscriber's first name."),
    .body("lastName", .nonEmpty, "Subscriber's last name."),
    .body("email", .email, "Subscriber's email."),
    planId,
    simType,
    .body("imei", .imei, "The device IMEI, when the customer brings their own device."),
    .body("address1", "Shipping street address."),
    .body("city", "Shipping city."),
    .body("state", "Shipping state (2 letters)."),
    zip,
    .body("shippingServiceCode", "A shipping service's `serviceCode` (PSIM only)."),
    .body("couponCode", "An offer's code from `product.offers`."),
    .body("lines", .integer, .range(1, 10), "Number of lines (default 1)."),
    redirectUrl,
    .body("numberToPort", .mdn, "Port-in: the 10-digit number to transfer; the port begins with the purchase.")
      .from(.portInDetails),
    .body("oldCarrier", "Port-in: the losing carrier's name.").from(.portInDetails),
    .body("oldCarrierAccountNumber", sensitive: true, "Port-in: account number at the losing carrier.")
      .from(.portInDetails),
    .body("password", sensitive: true, "Port-in: transfer PIN / account PIN.").from(.portInDetails),
    .body("oldZip", .zip, "Port-in: billing ZIP with the losing carrier.").from(.portInDetails),
  ]

  static func purchaseFields(requiring names: Set<String>, adding extra: [Field] = []) -> [Field] {
    (extra + purchaseFields).map { names.contains($0.name) ? $0.isRequired : $0 }
  }

  static let planFields = Provenance.guide("3.A step 3", "Key plan fields to display")
  static let planResponse: [ResponseField] = [
    ResponseField("plans[].serviceCode", "Use as `planId`.").from(planFields),
    ResponseField("plans[].name", "Display name."),
    ResponseField("plans[].baseLinePrice", .number, "Monthly base price.").from(planFields),
    ResponseField("plans[].maxLines", .integer, "Maximum lines per account.").from(planFields),
    ResponseField("plans[].fccLabel", "FCC broadband label (must be displayed).").from(planFields),
    ResponseField("plans[].dataGB", .number, "Data allowance in GB (0 = unlimited)."),
    ResponseField("plans[].upGradableTo", .list(.string), "Plans this one can upgrade to.").from(planFields),
    ResponseField("plans[].downGradableTo", .list(.string), "Plans this one can downgrade to.").from(planFields),
  ]
  static let serviceResponse: [ResponseField] = [
    ResponseField("services[].serviceCode", "Use as `shippingServiceCode` or top-up code.")
      .from(.guide("1.4", "The unique identifier of a plan or service")),
    ResponseField("services[].name", "Display name."),
    ResponseField("services[].type", "What the service is.").values(
      ["SHIPPING", "TOPUP", "FEATURE"], from: .assumption("the guide does not classify services")),
    ResponseField("services[].price", .number, "Price."),
  ]
  static let offerResponse: [ResponseField] = [
    ResponseField("offers[].couponCode", "Use as `couponCode`."),
    ResponseField("offers[].description", "What the offer gives."),
    ResponseField("offers[].discount", .number, "Discount amount."),
  ]
  static let purchaseAccepted: [ResponseField] = [
    ResponseField("transactionId", "Poll `product.status` with it; the callback carries it too.")
      .from(.guide("3.A step 5", "it returns a transactionId immediately")),
    ResponseField("status", "The order's state.").values([PurchaseState.orderReceived.enumValue]),
  ]
  static let purchaseAsync = AsyncSpec(
    status: "product.status", arguments: ["transactionId": .response("transactionId")],
    success: [PurchaseState.completed.enumValue],
    failure: [PurchaseState.failed.enumValue, PurchaseState.expired.enumValue],
    provenance: .guide("3.A step 8", "Continue polling the status endpoint"),
    timings: [Timing(.pollEvery, "5 s", .guide("3.A step 6", "Poll the status endpoint every 5 seconds"))])
  static let strength = ["STRONG", "MODERATE", "WEAK", "NONE"]
  static let strengthAssumed = Provenance.assumption("the guide gives the field as a string, not its values")
  static let purchaseStatusDefined = Provenance.guide("3.A step 6", "status — current transaction state")
  static let purchaseCompleted = Provenance.guide("3.A step 8", "On COMPLETED")

  static let quoteFields = Provenance.guide("3.A step 4", "Key response fields to show the customer")

  static let productEndpoints: [Endpoint] = [
    Endpoint(
      "network.coverage", .post, "/apisvc/v0/network/coverage",
      "Check mobile network coverage for an address", scenarios: [.a],
      fields: [
        .body("address1", "Street address."),
        .body("city", "City."),
        .body("state", "State (2 letters)."),
        zip.isRequired,
      ],
      response: [
        ResponseField("brandCoverage", .boolean, "If false, stop: not available in the area.")
          .from(.guide("3.A step 1", "brandCoverage (boolean)")),
        ResponseField("coverageStrength5G", "5G signal.")
          .from(.guide("3.A step 1", "coverageStrength5G (string)")).values(strength, from: strengthAssumed),
        ResponseField("coverageStrength4G", "4G signal.")
          .from(.guide("3.A step 1", "coverageStrength4G (string)")).values(strength, from: strengthAssumed),
      ],
      changesState: false),
    Endpoint(
      "device.imei", .get, "/apisvc/v0/device/imei/{imei}",
      "Validate device IMEI compatibility", scenarios: [.a, .d],
      fields: [.path("imei", .imei, "The 15-digit device IMEI.")],
      response: [
        ResponseField("isValid", .boolean, "If false, stop: the device is not compatible.")
          .from(.guide("3.A step 2", "isValid (boolean)")),
        ResponseField("mode", "Which SIM the device takes.").from(.guide("3.A step 2", "mode (string)"))
          .values(["PSIM", "ESIM", "BOTH"], from: .guide("3.A step 2", "PSIM | ESIM | BOTH")),
        ResponseField("esimAvailable", .boolean, "Whether the device supports eSIM.")
          .from(.guide("3.A step 2", "esimAvailable (boolean)")),
        ResponseField("make", "Manufacturer.").from(.guide("3.A step 2", "make / model (string)")),
        ResponseField("model", "Model.").from(.guide("3.A step 2", "make / model (string)")),
      ]),
    Endpoint(
      "product.fetch", .get, "/apisvc/v0/product/fetch",
      "Fetch all products (plans, services, offers)", scenarios: [.a, .f],
      response: planResponse + serviceResponse + offerResponse),
    Endpoint(
      "product.plans", .get, "/apisvc/v0/product/fetch/plan", "Fetch available plans only",
      scenarios: [.a, .f], response: planResponse),
    Endpoint(
      "product.offers", .get, "/apisvc/v0/product/fetch/offer", "Fetch available coupons/offers",
      scenarios: [.a], response: offerResponse),
    Endpoint(
      "product.services", .get, "/apisvc/v0/product/fetch/service",
      "Fetch available services (shipping etc.)", scenarios: [.a], response: serviceResponse),
    Endpoint(
      "product.quote", .post, "/apisvc/v0/product/quote", "Get purchase price quote",
      scenarios: [.a, .b],
      fields: purchaseFields(
        requiring: ["planId"],
        adding: [
          .body("customerId", .nonEmpty, "For a subsequent purchase quote (Scenario B): the existing subscriber.")
            .from(.customerIdTerm),
          .body(
            "purchaseType", .oneOf(["NEW", "RENEWAL", "ADD_LINE", "TOPUP"]),
            "What is bought (default NEW); TOPUP prices a data pack: `planId` is its `serviceCode`, with `customerId`."
          ).from(topupAsPlanId).values(from: purchaseTypeAssumed),
        ]),
      rules: [.atLeastOne(["zip", "customerId"]), .allOrNone(portInFieldNames)],
      response: [
        ResponseField("quoteId", "Identifies this quote."),
        ResponseField("oneTimeCharge.simKitCost", .number, "SIM kit.").from(quoteFields),
        ResponseField("oneTimeCharge.activationCost", .number, "Activation fee.").from(quoteFields),
        ResponseField("oneTimeCharge.shipment", .number, "Shipping.").from(quoteFields),
        ResponseField("oneTimeCharge.tax", .number, "Tax on the one-time charges.").from(quoteFields),
        ResponseField("oneTimeCharge.totalOneTimeCost", .number, "Total due today.").from(quoteFields),
        ResponseField("estimatedMonthlyCost.planCost", .number, "Plan price times lines."),
        ResponseField("estimatedMonthlyCost.tax", .number, "Monthly tax."),
        ResponseField("estimatedMonthlyCost.total", .number, "Estimated monthly charge going forward.")
          .from(quoteFields),
      ],
      changesState: false),
    Endpoint(
      "product.purchase", .post, "/apisvc/v0/product", "Submit new customer purchase [ASYNC]",
      scenarios: [.a, .e],
      fields: purchaseFields(requiring: [
        "clientAccountId", "firstName", "lastName", "email", "planId", "simType", "zip", "redirectUrl",
      ]),
      rules: [.allOrNone(portInFieldNames)],
      response: purchaseAccepted, async: purchaseAsync),
    Endpoint(
      "product.status", .get, "/apisvc/v0/product/status/{transactionId}",
      "Poll purchase transaction status", scenarios: [.a, .b, .e],
      fields: [.path("transactionId", .nonEmpty, "From the purchase response.")],
      response: [
        ResponseField("transactionId", "The transaction.").from(.transactionIdTerm),
        ResponseField("status", "The transaction's state.").from(purchaseStatusDefined)
          .values(PurchaseState.allCases.map(\.enumValue)),
        ResponseField("paymentStatus", "Payment processor state.")
          .from(.guide("3.A step 6", "paymentStatus — payment processor state"))
          .values(
            ["NOT_STARTED", "AWAITING_CUSTOMER", "AUTHORIZING", "CAPTURED", "DECLINED"],
            from: .assumption("the guide names the field, not the processor's states")),
        ResponseField("link.url", "Payment page (PAYMENT_PENDING): redirect the customer here.").optional()
          .from(.guide("3.A step 6", "link.url — payment page URL")),
        ResponseField("link.expireDate", "When the payment link expires (ISO 8601).").optional()
          .from(.guide("3.A step 6", "link.expireDate — link expiry timestamp")),
        ResponseField("customerId", "On COMPLETED: persist it.").optional().from(
          .guide("3.A step 8", "Store customerId")),
        ResponseField("clientAccountId", "On COMPLETED: your reference.").optional()
          .from(.guide("3.A step 8", "Store clientAccountId")),
        ResponseField(
          "shipmentStatus",
          "On COMPLETED: the SIM kits' shipment (`shipment.order`); NOT_APPLICABLE when nothing ships "
            + "(eSIM, renewal, top-up)."
        ).optional().from(.guide("3.A step 8", "shipmentStatus shows SIM dispatch state"))
          .values(
            ["PENDING", "SHIPPED", "DELIVERED", "CANCELLED", "NOT_APPLICABLE"],
            from: .assumption("the guide names the field, not the dispatch states")),
        ResponseField("simType", "On COMPLETED.").optional().from(.simTypeValues)
          .values(SIMType.allCases.map { EnumValue(.string($0.rawValue), $0.provenance) }),
        ResponseField("paymentStatusDesc", "On FAILED: why, to show the customer.").optional()
          .from(.guide("3.A step 8", "Show error to customer using paymentStatusDesc")),
        ResponseField("purchaseType", "What was bought.").values(
          ["NEW", "RENEWAL", "ADD_LINE", "TOPUP"], from: purchaseTypeAssumed),
      ]),
    Endpoint(
      "product.subsequent", .post, "/apisvc/v0/product/subsequent",
      "Submit renewal/add-on for existing customer [ASYNC]", scenarios: [.b],
      fields: [
        customerId,
        planId,
        .body(
          "purchaseType", .oneOf(["RENEWAL", "ADD_LINE", "TOPUP"]),
          "What is bought (default RENEWAL); TOPUP buys a data pack: `planId` is its `serviceCode`."
        ).from(topupAsPlanId).values(from: purchaseTypeAssumed),
        .body(
          "ccUUID", .nonEmpty, "The card to charge (`uuid` from `card.list`); without it a payment link is issued."
        ).from(.ccUUIDTerm),
        .body("lines", .integer, .range(1, 10), "Lines to add (ADD_LINE)."),
        .body("couponCode", "An offer's code."),
        redirectUrl,
      ],
      rules: [.atLeastOne(["ccUUID", "redirectUrl"])],
      response: purchaseAccepted, async: purchaseAsync),
  ]
}
