extension Catalogue {
  static let activationCodes: [ActivationStatus] = [
    .inactive, .activationInProgress, .active, .activationFailed, .portingInProgress, .portingFailed, .portCancelled,
  ]
  static let activationLive = Provenance.guide("3.C step 4", "Show planName and activationDate")
  static let activationResponse: [ResponseField] = [
    ResponseField("customerId", "The subscriber.").from(.customerIdTerm),
    ResponseField("status", .integer, "Activation/port-in code.")
      .from(.guide("3.C step 3", "Status codes to handle")).values(activationCodes.map(\.enumValue)),
    ResponseField("statusName", "The code's name: INACTIVE, ACTIVATION_IN_PROGRESS, ACTIVE, …"),
    ResponseField("mobileNo", "On 2: the subscriber's number.").optional()
      .from(.guide("3.C step 4", "Display mobileNo (the subscriber's assigned phone number)")),
    ResponseField("planName", "On 2: the plan's name.").optional().from(activationLive),
    ResponseField("activationDate", "On 2: when the line went live (ISO 8601).").optional().from(activationLive),
    ResponseField("activationMsg", "On 8 or 10: why it failed.").optional()
      .from(.guide("3.C step 4", "Show activationMsg to agent / customer")),
    ResponseField("simType", "PSIM or ESIM.").from(.simTypeValues),
  ]
  static let activationAsync = AsyncSpec(
    status: "activation.status", arguments: ["customerId": .request("customerId")],
    success: [ActivationStatus.active.enumValue],
    failure: [ActivationStatus.activationFailed, .portingFailed, .portCancelled].map(\.enumValue),
    provenance: .guide("3.C step 3", "Poll the activation status endpoint to track progress"),
    timings: [
      Timing(.completesIn, "2–10 min", .guide("3.C step 3", "Activation typically completes within 2–10 minutes")),
      Timing(.completesIn, "minutes to hours (port-in)", .guide("3.E step 4", "may take minutes to hours")),
    ])

  static let activationEndpoints: [Endpoint] = [
    Endpoint(
      "sim.validateIccid", .post, "/apisvc/v0/iccid/validate", "Validate SIM ICCID before activation",
      scenarios: [.c],
      fields: [.body("iccId", required: true, .iccid, "The 19–20 digit number printed on the SIM.").from(.iccIdTerm)],
      response: [
        ResponseField("isValid", .boolean, "Proceed only when true.")
          .from(.guide("3.C step 1", "Verify isValid=true before proceeding")),
        ResponseField("mode", "The SIM's kind.").from(.guide("3.C step 1", "mode (PSIM/ESIM)"))
          .values(["PSIM", "ESIM"], from: .guide("3.C step 1", "mode (PSIM/ESIM)")),
        ResponseField("wifiCalling", .boolean, "Wi-Fi calling supported.").from(.guide("3.C step 1", "wifiCalling")),
        ResponseField("volteCompatible", .boolean, "VoLTE supported.").from(.guide("3.C step 1", "volteCompatible")),
        ResponseField("message", "Why the ICCID is not valid, when it is not.").optional(),
      ],
      changesState: false),
    Endpoint(
      "activation.submit", .post, "/apisvc/v0/activation", "Activate SIM or initiate port-in [ASYNC]",
      scenarios: [.c, .d, .e],
      fields: [
        customerId,
        .body("iccId", .iccid, "Physical SIM: the ICCID (Scenario C).").from(.iccIdTerm),
        .body("imei", .imei, "eSIM: the device IMEI (Scenario D), with `esim: true`.")
          .from(.guide("3.D", "the IMEI is used instead of iccId")),
        .body("esim", .boolean, "True for eSIM activation by IMEI.").from(.guide("3.D step 1", "set esim: true")),
        zip.with(summary: "ZIP for number assignment (default: the account's)."),
        .body(
          "numberToPort", .mdn,
          "Port-in for a line bought without one; a purchase with the port-in fields has begun its port already."
        ).from(.portInDetails),
        .body("oldCarrier", "Port-in: the losing carrier.").from(.portInDetails),
        .body("oldCarrierAccountNumber", sensitive: true, "Port-in: account number at the losing carrier.")
          .from(.portInDetails),
        .body("password", sensitive: true, "Port-in: transfer PIN.").from(.portInDetails),
        .body("oldZip", .zip, "Port-in: billing ZIP with the losing carrier.").from(.portInDetails),
      ],
      rules: [
        .exactlyOne(["iccId", "imei"]),
        .requiredWhen(field: "imei", when: "esim", equals: true),
        .allOrNone(portInFieldNames),
      ],
      response: [
        ResponseField("transactionId", "Identifies the activation; the ACTIVATION callback carries it.")
          .from(.transactionIdTerm),
        ResponseField("customerId", "Poll `activation.status` with it.").from(.customerIdTerm),
        ResponseField("status", .integer, "The code once accepted: activation or port-in.")
          .values([ActivationStatus.activationInProgress.enumValue, ActivationStatus.portingInProgress.enumValue]),
      ],
      async: activationAsync),
    Endpoint(
      "activation.status", .get, "/apisvc/v0/activation/status", "Poll activation / port-in status",
      scenarios: [.c, .d, .e],
      fields: [
        .query("customerId", .string, .nonEmpty, "The subscriber.")
          .from(.guide("6", "/apisvc/v0/activation/status?customerId={cid}"))
      ],
      response: activationResponse),
    Endpoint(
      "portin.update", .put, "/apisvc/v0/update/portin", "Correct and resubmit failed port-in",
      scenarios: [.e],
      fields: [
        customerId,
        .body(
          "type", required: true, .oneOf(PortInUpdateType.allCases.map(\.rawValue)),
          "What to correct: UPDATE_PIN, UPDATE_ACCOUNT, UPDATE_ZIP, RESUBMIT_PORT, CANCEL_PORT, CANCEL_AND_NEW."
        ).from(.guide("3.E step 5", "type values:")).values(from: PortInUpdateType.provenance),
        .body("password", sensitive: true, "UPDATE_PIN: the corrected PIN.").from(.portInDetails),
        .body("oldCarrierAccountNumber", sensitive: true, "UPDATE_ACCOUNT: the corrected account number.")
          .from(.portInDetails),
        .body("oldZip", .zip, "UPDATE_ZIP: the corrected billing ZIP.").from(.portInDetails),
      ],
      rules: [
        .requiredWhen(field: "password", when: "type", equals: "UPDATE_PIN"),
        .requiredWhen(field: "oldCarrierAccountNumber", when: "type", equals: "UPDATE_ACCOUNT"),
        .requiredWhen(field: "oldZip", when: "type", equals: "UPDATE_ZIP"),
      ],
      response: [
        ResponseField("customerId", "The subscriber.").from(.customerIdTerm),
        ResponseField("status", .integer, "9 when resubmitted, 11 when cancelled, 1 for CANCEL_AND_NEW.")
          .values([ActivationStatus.portingInProgress, .portCancelled, .activationInProgress].map(\.enumValue)),
        ResponseField("message", "What happened."),
      ],
      async: AsyncSpec(
        status: "activation.status", arguments: ["customerId": .request("customerId")],
        success: activationAsync.states.filter { $0.value == 2 },
        failure: activationAsync.states.filter { $0.value != 2 },
        provenance: .assumption(
          "the guide says to correct and resubmit (3.E step 5), not how the resubmission is followed; "
            + "polled like a port-in (3.E step 4)"),
        timings: [Timing(.completesIn, "minutes to hours", .guide("3.E step 4", "may take minutes to hours"))])),
    Endpoint(
      "portin.validateMdn", .put, "/apisvc/v0/port/validate/mdn", "Validate MDN for port-in eligibility",
      scenarios: [.e],
      fields: [
        .query("mdn", .string, .mdn, "The 10-digit number to port.")
          .from(.guide("6", "/apisvc/v0/port/validate/mdn?mdn={mdn}"))
      ],
      response: [
        ResponseField("isPortValidate", .boolean, "Proceed only when true.")
          .from(.guide("3.E step 1", "isPortValidate (boolean)")),
        ResponseField("message", "Human-readable result.")
          .from(.guide("3.E step 1", "message (string) — human-readable result")),
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
