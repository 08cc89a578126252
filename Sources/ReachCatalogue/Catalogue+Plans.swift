extension Catalogue {
  static let planChangeFields: [Field] = [
    customerId,
    .body(
      "newPlanId", required: true, .nonEmpty, "Target plan: one of the current plan's `upGradableTo`/`downGradableTo`."),
    .body("isUpgrade", .boolean, required: true, "True for an upgrade."),
    .body("immediateEffect", .boolean, "Apply now (upgrades only) instead of at the next bill cycle."),
  ]
  static let groupIdQuery = Field.query("groupId", .string, .nonEmpty, "The account group (`customerinfo.groupId`).")

  static let planAndCreditEndpoints: [Endpoint] = [
    Endpoint(
      "topup.quote", .post, "/apisvc/v0/topup/quote", "Get top-up data pack quote", scenarios: [.b],
      fields: [customerId, .body("topupCode", required: true, .nonEmpty, "A TOPUP service's `serviceCode`.")],
      response: [
        ResponseField("topupCode", "The pack."),
        ResponseField("dataGB", .number, "Data added."),
        ResponseField("amount", .number, "Price."),
        ResponseField("tax", .number, "Tax."),
        ResponseField("total", .number, "Total."),
      ],
      changesState: false),
    Endpoint(
      "topup.purchase", .post, "/apisvc/v0/topup/purchase", "Purchase top-up data pack", scenarios: [.b],
      fields: [customerId, .body("topupCode", required: true, .nonEmpty, "A TOPUP service's `serviceCode`."), ccUUID],
      response: [
        ResponseField("transactionId", "The purchase."),
        ResponseField("status", "COMPLETED."),
        ResponseField("dataGB", .number, "Data added."),
        ResponseField("total", .number, "Charged."),
        ResponseField("dataAllowanceGB", .number, "The line's data allowance after it (`customerinfo`)."),
      ]),
    Endpoint(
      "plan.estimateChange", .post, "/apisvc/v0/estimate/plan/change", "Estimate cost of plan upgrade/downgrade",
      scenarios: [.f], fields: planChangeFields,
      response: [
        ResponseField("currentPlanId", "The plan now."),
        ResponseField("newPlanId", "The plan after."),
        ResponseField("proratedCharge", .number, "Charged now for the rest of the cycle."),
        ResponseField("nextBillAmount", .number, "The next bill."),
        ResponseField("effectiveDate", "When the change takes effect."),
      ],
      changesState: false),
    Endpoint(
      "plan.change", .post, "/apisvc/v0/purchase/plan/change", "Execute plan upgrade/downgrade",
      scenarios: [.f], fields: planChangeFields,
      response: [
        ResponseField("txnId", "Only for an immediate upgrade: poll `plan.changeStatus`."),
        ResponseField("status", "IN_PROGRESS (immediate) or SCHEDULED."),
        ResponseField("effectiveDate", "When the change takes effect."),
      ],
      async: AsyncSpec(
        status: "plan.changeStatus", arguments: ["txnId": .response("txnId")],
        success: ["COMPLETED"], failure: ["FAILED"], conditional: true)),
    Endpoint(
      "plan.changeStatus", .get, "/apisvc/v0/status/plan/change/{txnId}", "Get plan change status",
      scenarios: [.f], fields: [.path("txnId", .nonEmpty, "From the plan change response.")],
      response: [
        ResponseField("txnId", "The change."),
        ResponseField("customerId", "The subscriber."),
        ResponseField("status", "IN_PROGRESS, COMPLETED or FAILED."),
        ResponseField("newPlanId", "The plan after."),
      ]),
    Endpoint(
      "ild.status", .get, "/apisvc/v0/ild/status", "Get ILD credit balance", scenarios: [.reference],
      fields: [groupIdQuery],
      response: [ResponseField("groupId", "The group."), ResponseField("balance", .number, "ILD credit left (USD).")]),
    Endpoint(
      "ild.usage", .get, "/apisvc/v0/ild/usage", "Get ILD usage by destination", scenarios: [.reference],
      fields: [groupIdQuery],
      response: [
        ResponseField("groupId", "The group."),
        ResponseField("destinations[].country", "Country code."),
        ResponseField("destinations[].minutes", .number, "Minutes."),
        ResponseField("destinations[].cost", .number, "Cost (USD)."),
      ]),
    Endpoint(
      "ild.history", .get, "/apisvc/v0/ild/purchase/history/{customerId}", "Get ILD credit purchase history",
      scenarios: [.reference], fields: [pathCustomerId],
      response: [
        ResponseField("purchases[].purchaseId", "The purchase."),
        ResponseField("purchases[].amount", .number, "Credit bought."),
        ResponseField("purchases[].date", "When."),
      ]),
    Endpoint(
      "ild.quote", .post, "/apisvc/v0/ild/quote", "Get ILD credit purchase quote", scenarios: [.reference],
      fields: [customerId, .body("amount", .number, required: true, "Credit to buy (USD).")],
      response: [
        ResponseField("amount", .number, "Credit."),
        ResponseField("tax", .number, "Tax."),
        ResponseField("total", .number, "Total."),
      ],
      changesState: false),
    Endpoint(
      "ild.purchase", .post, "/apisvc/v0/ild/purchase", "Purchase ILD credits", scenarios: [.reference],
      fields: [customerId, .body("amount", .number, required: true, "Credit to buy (USD)."), ccUUID],
      response: [ResponseField("purchaseId", "The purchase."), ResponseField("balance", .number, "Balance after.")]),
    Endpoint(
      "shipment.order", .get, "/apisvc/v0/shipment/order/customer/{customerId}", "Get shipment order details",
      scenarios: [.a], fields: [pathCustomerId],
      response: [
        ResponseField("orderId", "The order."),
        ResponseField("customerId", "The subscriber."),
        ResponseField("transactionId", "The purchase that ordered it."),
        ResponseField("status", "PENDING, SHIPPED, DELIVERED or CANCELLED."),
        ResponseField("carrier", "Shipping carrier."),
        ResponseField("trackingNumber", "Tracking number, once shipped."),
        ResponseField("lines", .integer, "SIM kits in the box."),
      ]),
    Endpoint(
      "shipment.cancel", .put, "/apisvc/v0/shipment/order/cancel/{customerId}", "Cancel pending shipment order",
      scenarios: [.a], fields: [pathCustomerId],
      response: [ResponseField("orderId", "The order."), ResponseField("status", "CANCELLED.")]),
  ]
}
