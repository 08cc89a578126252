extension Catalogue {
  static let reasonCode = Field.body("reasonCode", .nonEmpty, "Why (recorded on the account).")
  static let lifecycleAck: [ResponseField] = [
    ResponseField("customerId", "The subscriber."),
    ResponseField("requestId", "Identifies the request."),
    ResponseField("message", "Accepted; follow `customerinfo` until the status changes."),
  ]
  static let pathCustomerId = Field.path("customerId", .nonEmpty, "The subscriber.")

  static let subscriberEndpoints: [Endpoint] = [
    Endpoint(
      "customer.info", .get, "/apisvc/v0/customerinfo", "Get full subscriber info / status",
      scenarios: [.b, .f, .i, .k],
      fields: [.query("customerId", .string, .nonEmpty, "The subscriber.")],
      response: [
        ResponseField("customerId", "The subscriber."),
        ResponseField("clientAccountId", "Your reference."),
        ResponseField(
          "status", .integer,
          "0 INACTIVE, 1 ACTIVATION_IN_PROGRESS, 2 ACTIVE, 3 SUSPENDED, 4 DISCONNECTED, 8, 9, 10, 11."),
        ResponseField("statusName", "The status code's name."),
        ResponseField("reachPlanId", "The current plan's serviceCode."),
        ResponseField("planName", "The current plan's name."),
        ResponseField("mobileNo", "The number, once active."),
        ResponseField("simType", "PSIM or ESIM."),
        ResponseField("iccId", "The SIM, once activated."),
        ResponseField("imei", "The device, when known."),
        ResponseField("groupId", "The account group (ILD, IR, billing)."),
        ResponseField("isPrimary", .boolean, "Primary line of the group."),
        ResponseField("dataCutOff", .boolean, "Data is cut off (Scenario K)."),
        ResponseField("dataAllowanceGB", .number, "Data this period: the plan's and top-ups' (GB; 0 = unlimited)."),
        ResponseField("shipmentStatus", "The SIM kit's shipment, when one was ordered (`shipment.order`)."),
        ResponseField("scheduledPlanId", "A plan change waiting for its effective date."),
        ResponseField("firstName", "First name."),
        ResponseField("lastName", "Last name."),
        ResponseField("email", "Email."),
        ResponseField("activationDate", "When the line went live."),
        ResponseField("leavingReason", "A recorded leaving (`customer.leaving`): PORT_OUT, DISCONNECT or OTHER."),
        ResponseField("leavingDate", "The day a recorded leaving disconnects the line."),
        ResponseField("voicemailPinResetDate", "When the voicemail PIN was last reset."),
      ]),
    Endpoint(
      "customer.updateFields", .put, "/apisvc/v0/account/update/fields/{customerId}",
      "Update customer name, email, address", scenarios: [.reference],
      fields: [
        pathCustomerId,
        .body("firstName", .nonEmpty, "First name."),
        .body("lastName", .nonEmpty, "Last name."),
        .body("email", .email, "Email."),
        .body("address1", "Street address."),
        .body("city", "City."),
        .body("state", "State."),
        zip,
      ],
      rules: [.atLeastOne(["firstName", "lastName", "email", "address1", "city", "state", "zip"])],
      response: [
        ResponseField("customerId", "The subscriber."), ResponseField("updated", .list(.string), "The fields changed."),
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
        ResponseField("customerId", "Poll `mdn.swapStatus` with it."),
        ResponseField("transactionId", "Identifies the swap."),
        ResponseField("status", "IN_PROGRESS."),
      ],
      async: AsyncSpec(
        status: "mdn.swapStatus", arguments: ["customerId": .request("customerId")],
        success: ["COMPLETED"], failure: ["FAILED"])),
    Endpoint(
      "mdn.swapStatus", .get, "/apisvc/v0/mdn/swap/status/{customerId}", "Get MDN swap status",
      scenarios: [.reference], fields: [pathCustomerId],
      response: [
        ResponseField("customerId", "The subscriber."),
        ResponseField("status", "IN_PROGRESS, COMPLETED or FAILED."),
        ResponseField("oldMdn", "The number before."),
        ResponseField("newMdn", "The number after (COMPLETED)."),
      ]),
    Endpoint(
      "sim.swap", .post, "/apisvc/v0/iccid/swap", "Swap SIM card on a subscriber's line",
      scenarios: [.reference],
      fields: [customerId, .body("newIccId", required: true, .iccid, "The new SIM's ICCID.")],
      response: [
        ResponseField("customerId", "The subscriber."),
        ResponseField("iccId", "The SIM now on the line."),
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
        .body("reason", required: true, .oneOf(["PORT_OUT", "DISCONNECT", "OTHER"]), "Why the customer leaves."),
        .body("leavingDate", .date, "When (default today)."),
      ],
      response: [
        ResponseField("customerId", "The subscriber."),
        ResponseField("recorded", .boolean, "Recorded."),
        ResponseField("reason", "PORT_OUT, DISCONNECT or OTHER."),
        ResponseField("leavingDate", "The day the line is disconnected (4)."),
      ],
      retrySafe: true),
    Endpoint(
      "customer.reset", .post, "/apisvc/v0/customer/reset/{customerId}", "Reset customer account [ASYNC]",
      scenarios: [.reference],
      fields: [
        pathCustomerId,
        .body("resetType", .oneOf(["NETWORK", "FEATURES"]), "What to reset (default NETWORK)."),
      ],
      response: [
        ResponseField("transactionId", "Identifies the reset."),
        ResponseField("status", "IN_PROGRESS."),
      ],
      async: AsyncSpec(
        status: "customer.resetStatus", arguments: ["customerId": .request("customerId")],
        success: ["COMPLETED"], failure: ["FAILED"])),
    Endpoint(
      "customer.resetStatus", .get, "/apisvc/v0/customer/reset/status/{customerId}", "Get customer reset status",
      scenarios: [.reference], fields: [pathCustomerId],
      response: [
        ResponseField("customerId", "The subscriber."),
        ResponseField("transactionId", "The latest reset."),
        ResponseField("status", "IN_PROGRESS, COMPLETED or FAILED."),
      ]),
    Endpoint(
      "customer.resetVoicemailPin", .put, "/apisvc/v0/customer/reset/voicemail/password/{customerId}",
      "Reset voicemail PIN", scenarios: [.reference], fields: [pathCustomerId],
      response: [
        ResponseField("customerId", "The subscriber."),
        ResponseField("message", "A temporary PIN was sent to the subscriber by SMS."),
        ResponseField("resetDate", "When (ISO 8601); `customerinfo.voicemailPinResetDate` shows the latest."),
      ]),
    Endpoint(
      "usage.summary", .get, "/apisvc/v0/usage/summary", "Query data/ILD/IR usage summary",
      scenarios: [.j, .k],
      fields: [
        .query("usageData", .string, .oneOf(["DATA", "ILD", "IR"]), "Which usage."),
        .query("customerId", .string, .nonEmpty, "The subscriber."),
      ],
      response: [
        ResponseField("customerId", "The subscriber."),
        ResponseField("usageData", "DATA, ILD or IR."),
        ResponseField("used", .number, "Used this period."),
        ResponseField("allowance", .number, "Allowance this period (0 = unlimited)."),
        ResponseField("remaining", .number, "What is left."),
        ResponseField("unit", "GB, MIN or USD."),
        ResponseField("periodStart", "Start of the period."),
        ResponseField("periodEnd", "End of the period."),
      ]),
    Endpoint(
      "subscriber.dataCutoff", .put, "/apisvc/v0/customer/manage/feature/{customerId}",
      "Enable / remove data cut-off", scenarios: [.k],
      fields: [
        pathCustomerId,
        Field("feature", in: .body, constant: "DATA_CUTOFF", "The feature managed: DATA_CUTOFF."),
        .body("enable", .boolean, required: true, "True to cut data off, false to restore it."),
        .body(
          "reasonCode", required: true, .oneOf(Array(Set(DataCutoffReason.enable + DataCutoffReason.remove)).sorted()),
          "Enable: OVERUSE|BILLDUE|CUSTOMER_REQUEST|OTHER. Remove: BILLPAID|CUSTOMER_REQUEST|OTHER."),
      ],
      rules: [
        .oneOfWhen(field: "reasonCode", allowed: DataCutoffReason.enable, when: "enable", equals: true),
        .oneOfWhen(field: "reasonCode", allowed: DataCutoffReason.remove, when: "enable", equals: false),
      ],
      response: [
        ResponseField("customerId", "The subscriber."),
        ResponseField("dataCutOff", .boolean, "Data is now cut off."),
        ResponseField("reasonCode", "The reason recorded."),
      ]),
  ]
}
