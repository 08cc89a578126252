extension Catalogue {
  static let swapId = Provenance.guide("6", "/apisvc/v0/get/status/sim/swap?id={id}")
  static let simSwapEndpoints: [Endpoint] = [
    Endpoint(
      "simSwap.generateOtp", .post, "/apisvc/v0/generate/otp/sim/swap", "Generate OTP for SIM swap verification",
      scenarios: [.reference], fields: [customerId],
      response: [
        ResponseField("otpSent", .boolean, "A one-time code was sent to the subscriber."),
        ResponseField("expiresInSeconds", .integer, "Code validity."),
      ]),
    Endpoint(
      "simSwap.perform", .post, "/apisvc/v0/perform/otp/sim/swap", "Execute OTP-verified SIM swap",
      scenarios: [.reference],
      fields: [
        customerId,
        .body("otp", required: true, .nonEmpty, sensitive: true, "The code the subscriber received."),
        .body("newIccId", .iccid, "The new physical SIM."),
        .body("imei", .imei, "The device, for a swap to eSIM."),
        .body("esim", .boolean, "True for a swap to eSIM by IMEI."),
      ],
      rules: [.exactlyOne(["newIccId", "imei"]), .requiredWhen(field: "imei", when: "esim", equals: true)],
      response: [
        ResponseField("id", "Poll `simSwap.status` with it.").from(swapId),
        ResponseField("status", "The swap's state.").values([TransactionState.inProgress.assumedValue]),
      ],
      async: AsyncSpec(
        status: "simSwap.status", arguments: ["id": .response("id")],
        success: [TransactionState.completed.assumedValue], failure: [TransactionState.failed.assumedValue],
        provenance: .assumption("section 6 does not mark the swap [ASYNC]; it lists a status call for it"))),
    Endpoint(
      "simSwap.status", .get, "/apisvc/v0/get/status/sim/swap", "Get SIM swap status",
      scenarios: [.reference], fields: [.query("id", .string, .nonEmpty, "From the swap response.").from(swapId)],
      response: [
        ResponseField("id", "The swap.").from(swapId),
        ResponseField("customerId", "The subscriber.").from(.customerIdTerm),
        ResponseField("status", "The swap's state.").values(TransactionState.allCases.map(\.assumedValue)),
        ResponseField("iccId", "The SIM after."),
      ]),
  ]
}
