extension Catalogue {
  // The fields a purchase is made of. Quote and purchase share them (Scenario A step 5:
  // "same structure as the Quote body"); only what is required differs.
  static let planId = Field.body("planId", required: true, .nonEmpty, "The plan's `serviceCode`, exactly as fetched.")
  static let simType = Field.body("simType", .oneOf(["PSIM", "ESIM"]), "PSIM or ESIM.")
  static let zip = Field.body("zip", .zip, "Service and shipping ZIP code.")
  static let redirectUrl = Field.body(
    "redirectUrl", .httpsURL,
    "Where the payment page sends the customer back: `{redirectUrl}?transId={transactionId}`.")
  static let customerId = Field.body("customerId", required: true, .nonEmpty, "The platform's subscriber id.")
  static let portInFieldNames = ["numberToPort", "oldCarrier", "oldCarrierAccountNumber", "password", "oldZip"]

  static let purchaseFields: [Field] = [
    .body("clientAccountId", .nonEmpty, "Your brand's own reference for the account."),
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
    .body("numberToPort", .mdn, "Port-in: the 10-digit number to transfer."),
    .body("oldCarrier", "Port-in: the losing carrier's name."),
    .body("oldCarrierAccountNumber", sensitive: true, "Port-in: account number at the losing carrier."),
    .body("password", sensitive: true, "Port-in: transfer PIN / account PIN."),
    .body("oldZip", .zip, "Port-in: billing ZIP with the losing carrier."),
  ]

  static func purchaseFields(requiring names: Set<String>, adding extra: [Field] = []) -> [Field] {
    (extra + purchaseFields).map { names.contains($0.name) ? $0.isRequired : $0 }
  }

  static let planResponse: [ResponseField] = [
    ResponseField("plans[].serviceCode", "Use as `planId`."),
    ResponseField("plans[].name", "Display name."),
    ResponseField("plans[].baseLinePrice", .number, "Monthly base price."),
    ResponseField("plans[].maxLines", .integer, "Maximum lines per account."),
    ResponseField("plans[].fccLabel", "FCC broadband label (must be displayed)."),
    ResponseField("plans[].dataGB", .number, "Data allowance in GB (0 = unlimited)."),
    ResponseField("plans[].upGradableTo", .list(.string), "Plans this one can upgrade to."),
    ResponseField("plans[].downGradableTo", .list(.string), "Plans this one can downgrade to."),
  ]
  static let serviceResponse: [ResponseField] = [
    ResponseField("services[].serviceCode", "Use as `shippingServiceCode` or top-up code."),
    ResponseField("services[].name", "Display name."),
    ResponseField("services[].type", "SHIPPING, TOPUP or FEATURE."),
    ResponseField("services[].price", .number, "Price."),
  ]
  static let offerResponse: [ResponseField] = [
    ResponseField("offers[].couponCode", "Use as `couponCode`."),
    ResponseField("offers[].description", "What the offer gives."),
    ResponseField("offers[].discount", .number, "Discount amount."),
  ]
  static let purchaseAccepted: [ResponseField] = [
    ResponseField("transactionId", "Poll `product.status` with it; the callback carries it too."),
    ResponseField("status", "ORDER_RECEIVED."),
  ]
  static let purchaseAsync = AsyncSpec(
    status: "product.status", arguments: ["transactionId": .response("transactionId")],
    success: ["COMPLETED"], failure: ["FAILED", "EXPIRED"])

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
        ResponseField("brandCoverage", .boolean, "If false, stop: not available in the area."),
        ResponseField("coverageStrength5G", "5G signal: STRONG, MODERATE, WEAK or NONE."),
        ResponseField("coverageStrength4G", "4G signal: STRONG, MODERATE, WEAK or NONE."),
      ],
      changesState: false),
    Endpoint(
      "device.imei", .get, "/apisvc/v0/device/imei/{imei}",
      "Validate device IMEI compatibility", scenarios: [.a, .d],
      fields: [.path("imei", .imei, "The 15-digit device IMEI.")],
      response: [
        ResponseField("isValid", .boolean, "If false, stop: the device is not compatible."),
        ResponseField("mode", "PSIM, ESIM or BOTH."),
        ResponseField("esimAvailable", .boolean, "Whether the device supports eSIM."),
        ResponseField("make", "Manufacturer."),
        ResponseField("model", "Model."),
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
          .body("customerId", .nonEmpty, "For a subsequent purchase quote (Scenario B): the existing subscriber."),
          .body("purchaseType", .oneOf(["NEW", "RENEWAL", "ADD_LINE", "TOPUP"]), "What is bought (default NEW)."),
        ]),
      rules: [.atLeastOne(["zip", "customerId"]), .allOrNone(portInFieldNames)],
      response: [
        ResponseField("quoteId", "Identifies this quote."),
        ResponseField("oneTimeCharge.simKitCost", .number, "SIM kit."),
        ResponseField("oneTimeCharge.activationCost", .number, "Activation fee."),
        ResponseField("oneTimeCharge.shipment", .number, "Shipping."),
        ResponseField("oneTimeCharge.tax", .number, "Tax on the one-time charges."),
        ResponseField("oneTimeCharge.totalOneTimeCost", .number, "Total due today."),
        ResponseField("estimatedMonthlyCost.planCost", .number, "Plan price times lines."),
        ResponseField("estimatedMonthlyCost.tax", .number, "Monthly tax."),
        ResponseField("estimatedMonthlyCost.total", .number, "Estimated monthly charge going forward."),
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
        ResponseField("transactionId", "The transaction."),
        ResponseField("status", "ORDER_RECEIVED, PAYMENT_PENDING, PAYMENT_PROCESSING, COMPLETED, FAILED or EXPIRED."),
        ResponseField(
          "paymentStatus", "Payment processor state: NOT_STARTED, AWAITING_CUSTOMER, AUTHORIZING, CAPTURED, DECLINED."),
        ResponseField("link.url", "Payment page (PAYMENT_PENDING): redirect the customer here."),
        ResponseField("link.expireDate", "When the payment link expires (ISO 8601)."),
        ResponseField("customerId", "On COMPLETED: persist it."),
        ResponseField("clientAccountId", "On COMPLETED: your reference."),
        ResponseField(
          "shipmentStatus",
          "On COMPLETED: the SIM kits' shipment (`shipment.order`): PENDING, SHIPPED, DELIVERED, CANCELLED; "
            + "NOT_APPLICABLE when nothing ships (eSIM, renewal, top-up)."),
        ResponseField("simType", "On COMPLETED: PSIM or ESIM."),
        ResponseField("paymentStatusDesc", "On FAILED: why, to show the customer."),
        ResponseField("purchaseType", "NEW, RENEWAL, ADD_LINE or TOPUP."),
      ]),
    Endpoint(
      "product.subsequent", .post, "/apisvc/v0/product/subsequent",
      "Submit renewal/add-on for existing customer [ASYNC]", scenarios: [.b],
      fields: [
        customerId,
        planId,
        .body("purchaseType", .oneOf(["RENEWAL", "ADD_LINE", "TOPUP"]), "What is bought (default RENEWAL)."),
        .body(
          "ccUUID", .nonEmpty, "The card to charge (`uuid` from `card.list`); without it a payment link is issued."),
        .body("lines", .integer, .range(1, 10), "Lines to add (ADD_LINE)."),
        .body("couponCode", "An offer's code."),
        redirectUrl,
      ],
      rules: [.atLeastOne(["ccUUID", "redirectUrl"])],
      response: purchaseAccepted, async: purchaseAsync),
  ]
}
