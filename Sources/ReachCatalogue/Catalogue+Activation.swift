extension Catalogue {
  static let activationResponse: [ResponseField] = [
    ResponseField("customerId", "The subscriber."),
    ResponseField("status", .integer, "Activation/port-in code: 0, 1, 2, 8, 9, 10 or 11."),
    ResponseField("statusName", "The code's name: INACTIVE, ACTIVATION_IN_PROGRESS, ACTIVE, …"),
    ResponseField("mobileNo", "On 2: the subscriber's number."),
    ResponseField("planName", "On 2: the plan's name."),
    ResponseField("activationDate", "On 2: when the line went live (ISO 8601)."),
    ResponseField("activationMsg", "On 8 or 10: why it failed."),
    ResponseField("simType", "PSIM or ESIM."),
  ]

  static let activationEndpoints: [Endpoint] = [
    Endpoint(
      "sim.validateIccid", .post, "/apisvc/v0/iccid/validate", "Validate SIM ICCID before activation",
      scenarios: [.c],
      fields: [.body("iccId", required: true, .iccid, "The 19–20 digit number printed on the SIM.")],
      response: [
        ResponseField("isValid", .boolean, "Proceed only when true."),
        ResponseField("mode", "PSIM or ESIM."),
        ResponseField("wifiCalling", .boolean, "Wi-Fi calling supported."),
        ResponseField("volteCompatible", .boolean, "VoLTE supported."),
        ResponseField("message", "Why the ICCID is not valid, when it is not."),
      ],
      changesState: false),
    Endpoint(
      "activation.submit", .post, "/apisvc/v0/activation", "Activate SIM or initiate port-in [ASYNC]",
      scenarios: [.c, .d, .e],
      fields: [
        customerId,
        .body("iccId", .iccid, "Physical SIM: the ICCID (Scenario C)."),
        .body("imei", .imei, "eSIM: the device IMEI (Scenario D), with `esim: true`."),
        .body("esim", .boolean, "True for eSIM activation by IMEI."),
        zip.with(summary: "ZIP for number assignment (default: the account's)."),
        .body("numberToPort", .mdn, "Port-in: the number to transfer (else use the purchase's port-in)."),
        .body("oldCarrier", "Port-in: the losing carrier."),
        .body("oldCarrierAccountNumber", sensitive: true, "Port-in: account number at the losing carrier."),
        .body("password", sensitive: true, "Port-in: transfer PIN."),
        .body("oldZip", .zip, "Port-in: billing ZIP with the losing carrier."),
      ],
      rules: [
        .exactlyOne(["iccId", "imei"]),
        .requiredWhen(field: "imei", when: "esim", equals: true),
        .allOrNone(portInFieldNames),
      ],
      response: [
        ResponseField("transactionId", "Identifies the activation; the ACTIVATION callback carries it."),
        ResponseField("customerId", "Poll `activation.status` with it."),
        ResponseField("status", .integer, "1 (activation) or 9 (port-in) once accepted."),
      ],
      async: AsyncSpec(
        status: "activation.status", arguments: ["customerId": .request("customerId")],
        success: [2], failure: [8, 10, 11])),
    Endpoint(
      "activation.status", .get, "/apisvc/v0/activation/status", "Poll activation / port-in status",
      scenarios: [.c, .d, .e],
      fields: [.query("customerId", .string, .nonEmpty, "The subscriber.")],
      response: activationResponse),
    Endpoint(
      "portin.update", .put, "/apisvc/v0/update/portin", "Correct and resubmit failed port-in",
      scenarios: [.e],
      fields: [
        customerId,
        .body(
          "type", required: true, .oneOf(PortInUpdateType.allCases.map(\.rawValue)),
          "What to correct: UPDATE_PIN, UPDATE_ACCOUNT, UPDATE_ZIP, RESUBMIT_PORT, CANCEL_PORT, CANCEL_AND_NEW."),
        .body("password", sensitive: true, "UPDATE_PIN: the corrected PIN."),
        .body("oldCarrierAccountNumber", sensitive: true, "UPDATE_ACCOUNT: the corrected account number."),
        .body("oldZip", .zip, "UPDATE_ZIP: the corrected billing ZIP."),
      ],
      rules: [
        .requiredWhen(field: "password", when: "type", equals: "UPDATE_PIN"),
        .requiredWhen(field: "oldCarrierAccountNumber", when: "type", equals: "UPDATE_ACCOUNT"),
        .requiredWhen(field: "oldZip", when: "type", equals: "UPDATE_ZIP"),
      ],
      response: [
        ResponseField("customerId", "The subscriber."),
        ResponseField("status", .integer, "9 when resubmitted, 11 when cancelled, 1 for CANCEL_AND_NEW."),
        ResponseField("message", "What happened."),
      ],
      async: AsyncSpec(
        status: "activation.status", arguments: ["customerId": .request("customerId")],
        success: [2], failure: [8, 10, 11])),
    Endpoint(
      "portin.validateMdn", .put, "/apisvc/v0/port/validate/mdn", "Validate MDN for port-in eligibility",
      scenarios: [.e],
      fields: [.query("mdn", .string, .mdn, "The 10-digit number to port.")],
      response: [
        ResponseField("isPortValidate", .boolean, "Proceed only when true."),
        ResponseField("message", "Human-readable result."),
        ResponseField("currentCarrier", "The losing carrier, when known."),
      ],
      changesState: false),
    Endpoint(
      "zip.validate", .post, "/apisvc/v0/zipCode/validate", "Validate a ZIP code is serviceable",
      scenarios: [.a], fields: [zip.isRequired],
      response: [
        ResponseField("isValid", .boolean, "Serviceable."),
        ResponseField("city", "City."),
        ResponseField("state", "State."),
      ],
      changesState: false),
    Endpoint(
      "subscriber.sendSms", .post, "/apisvc/v0/sendsms/{customerId}", "Send SMS to an active subscriber",
      scenarios: [.reference],
      fields: [
        .path("customerId", .nonEmpty, "The subscriber (must be ACTIVE)."),
        .body("message", required: true, .nonEmpty, "The text (at most 160 characters)."),
      ],
      response: [ResponseField("messageId", "The message."), ResponseField("sent", .boolean, "Accepted for delivery.")]),
  ]
}

extension Field {
  /// The same field with another summary.
  public func with(summary: String) -> Field {
    var copy = self
    copy.summary = summary
    return copy
  }
}
