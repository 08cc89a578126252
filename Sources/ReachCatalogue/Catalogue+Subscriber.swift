extension Catalogue {
  static let reasonCode = Field.body("reasonCode", .nonEmpty, "Why (recorded on the account).")
  static let lifecycleAck: [ResponseField] = [
    ResponseField("customerId", "The subscriber.").from(.customerIdTerm),
    ResponseField("requestId", "Identifies the request."),
    ResponseField("message", "Accepted; follow `customerinfo` until the status changes."),
  ]
  static let pathCustomerId = Field.path("customerId", .nonEmpty, "The subscriber.")
  static let leavingReasons = ["PORT_OUT", "DISCONNECT", "OTHER"]
  static let leavingAssumed = Provenance.assumption(
    "section 6 says \"port-out or disconnect\"; the reason values are this project's")
  static let usageKinds = ["DATA", "ILD", "IR"]
  static let usageKindsAssumed = Provenance.assumption(
    "section 6 says \"data/ILD/IR\" and prints {type}, not the values")

  static let subscriberEndpoints: [Endpoint] = [
    Endpoint(
      "customer.info", .get, "/apisvc/v0/customerinfo", "Get full subscriber info / status",
      scenarios: [.b, .f, .i, .k],
      fields: [
        .query("customerId", .string, .nonEmpty, "The subscriber.")
          .from(.guide("6", "/apisvc/v0/customerinfo?customerId={cid}"))
      ],
      response: [
        ResponseField("customerId", "The subscriber.").from(.customerIdTerm),
        ResponseField("clientAccountId", "Your reference.").from(.guide("1.4", "Use it to look up customers")),
        ResponseField("status", .integer, "The subscriber's status code.")
          .from(.guide("3.B step 1", "Verify status=2 (ACTIVE) before proceeding"))
          .values(ActivationStatus.allCases.map(\.enumValue)),
        ResponseField("statusName", "The status code's name."),
        ResponseField("reachPlanId", "The current plan's serviceCode.")
          .from(.guide("3.F step 4", "reachPlanId should now reflect the new plan")),
        ResponseField("planName", "The current plan's name.").from(activationLive),
        ResponseField("mobileNo", "The number, once active.").optional()
          .from(.guide("3.C step 4", "Display mobileNo (the subscriber's assigned phone number)")),
        ResponseField("simType", "PSIM or ESIM.").from(.simTypeValues),
        ResponseField("iccId", "The SIM, once activated.").optional().from(.iccIdTerm),
        ResponseField("imei", "The device, when known.").from(.guide("6", "/apisvc/v0/device/imei/{imei}"))
          .optional(),
        ResponseField("groupId", "The account group (ILD, IR, billing).").from(.groupIdTerm),
        ResponseField("isPrimary", .boolean, "Primary line of the group."),
        ResponseField("dataCutOff", .boolean, "Data is cut off (Scenario K)."),
        ResponseField("dataAllowanceGB", .number, "Data this period: the plan's and top-ups' (GB; 0 = unlimited)."),
        ResponseField("shipmentStatus", "The SIM kit's shipment, when one was ordered (`shipment.order`).").optional()
          .from(.guide("3.A step 8", "shipmentStatus shows SIM dispatch state")),
        ResponseField("scheduledPlanId", "A plan change waiting for its effective date.").optional(),
        ResponseField("firstName", "First name."),
        ResponseField("lastName", "Last name."),
        ResponseField("email", "Email."),
        ResponseField("activationDate", "When the line went live.").from(activationLive),
        ResponseField("leavingReason", "A recorded leaving (`customer.leaving`).").optional().values(
          leavingReasons, from: leavingAssumed),
        ResponseField("leavingDate", "The day a recorded leaving disconnects the line.").optional(),
        ResponseField("voicemailPinResetDate", "When the voicemail PIN was last reset.").optional(),
      ]),
    Endpoint(
      "customer.updateFields", .put, "/apisvc/v0/account/update/fields/{customerId}",
      "Update customer name, email, address", scenarios: [.reference],
      fields: [
        pathCustomerId,
        .body("firstName", .nonEmpty, "First name."),
        .body("lastName", .nonEmpty, "Last name."),
        .body("email", .email, "Email.").from(.guide("6", "Update customer name, email, address")),
        .body("address1", "Street address."),
        .body("city", "City."),
        .body("state", "State."),
        zip,
      ],
      rules: [.atLeastOne(["firstName", "lastName", "email", "address1", "city", "state", "zip"])],
      response: [
        ResponseField("customerId", "The subscriber.").from(.customerIdTerm),
        ResponseField("updated", .list(.string), "The fields changed."),
      ],
      retrySafe: true),
    Endpoint(
      "subscriber.reconnect", .put, "/apisvc/v0/reconnect", "Reconnect a disconnected subscriber",
      scenarios: [.i], fields: [customerId, reasonCode], response: lifecycleAck),
    Endpoint(
      "subscriber.disconnect", .put, "/apisvc/v0/disconnect", "Disconnect a subscriber",
      scenarios: [.i], fields: [customerId, reasonCode], response: lifecycleAck),
    Endpoint(
      "subscriber.suspend", .put, "/apisvc/v0/suspend", "Suspend a subscriber's service",
      scenarios: [.i], fields: [customerId, reasonCode], response: lifecycleAck),
    Endpoint(
      "subscriber.restore", .put, "/apisvc/v0/restore", "Restore a suspended subscriber",
      scenarios: [.i], fields: [customerId, reasonCode], response: lifecycleAck),
    Endpoint(
      "mdn.swap", .put, "/apisvc/v0/mdn/swap", "Swap subscriber's phone number (MDN)",
      scenarios: [.reference],
      fields: [customerId, zip.with(summary: "Area for the new number (default: the account's ZIP).")],
      response: [
        ResponseField("customerId", "Poll `mdn.swapStatus` with it.").from(.customerIdTerm),
        ResponseField("transactionId", "Identifies the swap.").from(.transactionIdTerm),
        ResponseField("status", "The swap's state.").values([TransactionState.inProgress.assumedValue]),
      ],
      async: AsyncSpec(
        status: "mdn.swapStatus", arguments: ["customerId": .request("customerId")],
        success: [TransactionState.completed.assumedValue], failure: [TransactionState.failed.assumedValue],
        provenance: .assumption("section 6 does not mark the swap [ASYNC]; it lists a status call for it"))),
    Endpoint(
      "mdn.swapStatus", .get, "/apisvc/v0/mdn/swap/status/{customerId}", "Get MDN swap status",
      scenarios: [.reference], fields: [pathCustomerId],
      response: [
        ResponseField("customerId", "The subscriber.").from(.customerIdTerm),
        ResponseField("status", "The swap's state.").values(TransactionState.allCases.map(\.assumedValue)),
        ResponseField("oldMdn", "The number before."),
        ResponseField("newMdn", "The number after (COMPLETED).").optional(),
      ]),
    Endpoint(
      "sim.swap", .post, "/apisvc/v0/iccid/swap", "Swap SIM card on a subscriber's line",
      scenarios: [.reference],
      fields: [customerId, .body("newIccId", required: true, .iccid, "The new SIM's ICCID.")],
      response: [
        ResponseField("customerId", "The subscriber.").from(.customerIdTerm),
        ResponseField("iccId", "The SIM now on the line.").from(.iccIdTerm),
        ResponseField("oldIccId", "The SIM before."),
      ]),
    Endpoint(
      "customer.swapPrimary", .put, "/apisvc/v0/customers/swap", "Swap primary/secondary line designation",
      scenarios: [.reference],
      fields: [
        .body("primaryCustomerId", required: true, .nonEmpty, "The line that is primary now."),
        .body("secondaryCustomerId", required: true, .nonEmpty, "The line to make primary."),
      ],
      response: [
        ResponseField("primaryCustomerId", "The new primary line."),
        ResponseField("secondaryCustomerId", "The new secondary line."),
      ]),
    Endpoint(
      "customer.leaving", .put, "/apisvc/v0/leaving/customer", "Record customer leaving (port-out or disconnect)",
      scenarios: [.reference],
      fields: [
        customerId,
        .body("reason", required: true, .oneOf(leavingReasons), "Why the customer leaves.")
          .values(from: leavingAssumed),
        .body("leavingDate", .date, "When (default today)."),
      ],
      response: [
        ResponseField("customerId", "The subscriber.").from(.customerIdTerm),
        ResponseField("recorded", .boolean, "Recorded."),
        ResponseField("reason", "Why the customer leaves.").values(leavingReasons, from: leavingAssumed),
        ResponseField("leavingDate", "The day the line is disconnected (4)."),
      ],
      retrySafe: true),
    Endpoint(
      "customer.reset", .post, "/apisvc/v0/customer/reset/{customerId}", "Reset customer account [ASYNC]",
      scenarios: [.reference],
      fields: [
        pathCustomerId,
        .body("resetType", .oneOf(["NETWORK", "FEATURES"]), "What to reset (default NETWORK).")
          .values(from: .assumption("the guide says only \"Reset customer account\" (section 6)")),
      ],
      response: [
        ResponseField("transactionId", "Identifies the reset.").from(.transactionIdTerm),
        ResponseField("status", "The reset's state.").values([TransactionState.inProgress.assumedValue]),
      ],
      async: AsyncSpec(
        status: "customer.resetStatus", arguments: ["customerId": .request("customerId")],
        success: [TransactionState.completed.assumedValue], failure: [TransactionState.failed.assumedValue],
        provenance: .guide("6", "Reset customer account [ASYNC]"))),
    Endpoint(
      "customer.resetStatus", .get, "/apisvc/v0/customer/reset/status/{customerId}", "Get customer reset status",
      scenarios: [.reference], fields: [pathCustomerId],
      response: [
        ResponseField("customerId", "The subscriber.").from(.customerIdTerm),
        ResponseField("transactionId", "The latest reset.").from(.transactionIdTerm),
        ResponseField("status", "The reset's state.").values(TransactionState.allCases.map(\.assumedValue)),
      ]),
    Endpoint(
      "customer.resetVoicemailPin", .put, "/apisvc/v0/customer/reset/voicemail/password/{customerId}",
      "Reset voicemail PIN", scenarios: [.reference], fields: [pathCustomerId],
      response: [
        ResponseField("customerId", "The subscriber.").from(.customerIdTerm),
        ResponseField("message", "A temporary PIN was sent to the subscriber by SMS."),
        ResponseField("resetDate", "When (ISO 8601); `customerinfo.voicemailPinResetDate` shows the latest."),
      ]),
    Endpoint(
      "usage.summary", .get, "/apisvc/v0/usage/summary", "Query data/ILD/IR usage summary",
      scenarios: [.j, .k],
      fields: [
        .query("usageData", .string, .oneOf(usageKinds), "Which usage.")
          .from(.guide("6", "/apisvc/v0/usage/summary?usageData={type}")).values(from: usageKindsAssumed),
        .query("customerId", .string, .nonEmpty, "The subscriber.").from(.customerIdTerm),
      ],
      response: [
        ResponseField("customerId", "The subscriber.").from(.customerIdTerm),
        ResponseField("usageData", "Which usage.").from(.guide("6", "/apisvc/v0/usage/summary?usageData={type}"))
          .values(usageKinds, from: usageKindsAssumed),
        ResponseField("used", .number, "Used this period."),
        ResponseField("allowance", .number, "Allowance this period (0 = unlimited)."),
        ResponseField("remaining", .number, "What is left."),
        ResponseField("unit", "The unit of the figures.").values(
          ["GB", "MIN", "USD"], from: .assumption("the guide shows no usage summary")),
        ResponseField("periodStart", "Start of the period."),
        ResponseField("periodEnd", "End of the period."),
      ]),
    Endpoint(
      "subscriber.dataCutoff", .put, "/apisvc/v0/customer/manage/feature/{customerId}",
      "Enable / remove data cut-off", scenarios: [.k],
      fields: [
        pathCustomerId,
        Field("feature", in: .body, constant: "DATA_CUTOFF", "The feature managed: DATA_CUTOFF.")
          .values(from: .assumption("section 6 says \"Enable / remove data cut-off\", not how the feature is named")),
        .body("enable", .boolean, required: true, "True to cut data off, false to restore it."),
        .body(
          "reasonCode", required: true, .oneOf(Array(Set(DataCutoffReason.enable + DataCutoffReason.remove)).sorted()),
          "Enable: OVERUSE|BILLDUE|CUSTOMER_REQUEST|OTHER. Remove: BILLPAID|CUSTOMER_REQUEST|OTHER."
        ).values(DataCutoffReason.enable, from: DataCutoffReason.enableProvenance)
          .values(["BILLPAID"], from: DataCutoffReason.removeProvenance),
      ],
      rules: [
        .oneOfWhen(field: "reasonCode", allowed: DataCutoffReason.enable, when: "enable", equals: true),
        .oneOfWhen(field: "reasonCode", allowed: DataCutoffReason.remove, when: "enable", equals: false),
      ],
      response: [
        ResponseField("customerId", "The subscriber.").from(.customerIdTerm),
        ResponseField("dataCutOff", .boolean, "Data is now cut off."),
        ResponseField("reasonCode", "The reason recorded."),
      ]),
  ]
}
