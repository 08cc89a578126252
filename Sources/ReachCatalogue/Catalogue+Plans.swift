extension Catalogue {
  static let planChangeFields: [Field] = [
    customerId,
    .body(
      "newPlanId", required: true, .nonEmpty, "Target plan: one of the current plan's `upGradableTo`/`downGradableTo`."),
    .body("isUpgrade", .boolean, required: true, "True for an upgrade.").from(upgradeNow),
    .body("immediateEffect", .boolean, "Apply now (upgrades only) instead of at the next bill cycle.").from(upgradeNow),
  ]
  static let upgradeNow = Provenance.guide("3.F step 3", "If isUpgrade=true and immediateEffect=true")
  static let planChangeFigures = Provenance.assumption(
    "the guide names the figures (\"prorated charges, next bill amount, effective date\", 3.F step 2), not the fields")
  static let groupIdQuery = Field.query("groupId", .string, .nonEmpty, "The account group (`customerinfo.groupId`).")
    .from(.groupIdTerm)

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
        ResponseField("transactionId", "The purchase.").from(.transactionIdTerm),
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
        ResponseField("proratedCharge", .number, "Charged now for the rest of the cycle.").from(planChangeFigures),
        ResponseField("nextBillAmount", .number, "The next bill.").from(planChangeFigures),
        ResponseField("effectiveDate", "When the change takes effect.").from(planChangeFigures),
      ],
      changesState: false),
    Endpoint(
      "plan.change", .post, "/apisvc/v0/purchase/plan/change", "Execute plan upgrade/downgrade",
      scenarios: [.f], fields: planChangeFields,
      response: [
        ResponseField("txnId", "Only for an immediate upgrade: poll `plan.changeStatus`.")
          .from(.guide("3.F step 3", "response includes txnId")),
        ResponseField("status", "The change's state: IN_PROGRESS when immediate.").values(
          [TransactionState.inProgress.enumValue]
            + [EnumValue("SCHEDULED", .assumption("the guide says a later change is scheduled, not its status"))]),
        ResponseField("effectiveDate", "When the change takes effect.").from(planChangeFigures),
      ],
      async: AsyncSpec(
        status: "plan.changeStatus", arguments: ["txnId": .response("txnId")],
        success: [TransactionState.completed.enumValue], failure: [TransactionState.failed.enumValue],
        conditional: true,
        provenance: .guide("3.F step 4", "For immediate upgrades, poll the status endpoint"))),
    Endpoint(
      "plan.changeStatus", .get, "/apisvc/v0/status/plan/change/{txnId}", "Get plan change status",
      scenarios: [.f], fields: [.path("txnId", .nonEmpty, "From the plan change response.")],
      response: [
        ResponseField("txnId", "The change.").from(.guide("6", "/apisvc/v0/status/plan/change/{txnId}")),
        ResponseField("customerId", "The subscriber.").from(.customerIdTerm),
        ResponseField("status", "The change's state.").from(TransactionState.completed.provenance)
          .values(TransactionState.allCases.map(\.enumValue)),
        ResponseField("newPlanId", "The plan after."),
      ]),
    Endpoint(
      "ild.status", .get, "/apisvc/v0/ild/status", "Get ILD credit balance", scenarios: [.reference],
      fields: [groupIdQuery.from(.guide("6", "/apisvc/v0/ild/status?groupId={id}"))],
      response: [
        ResponseField("groupId", "The group.").from(.groupIdTerm),
        ResponseField("balance", .number, "ILD credit left (USD)."),
      ]),
    Endpoint(
      "ild.usage", .get, "/apisvc/v0/ild/usage", "Get ILD usage by destination", scenarios: [.reference],
      fields: [groupIdQuery.from(.guide("6", "/apisvc/v0/ild/usage?groupId={id}"))],
      response: [
        ResponseField("groupId", "The group.").from(.groupIdTerm),
        ResponseField("destinations[].country", "Country code."),
        ResponseField("destinations[].minutes", .number, "Minutes."),
        ResponseField("destinations[].cost", .number, "Cost (USD)."),
      ]),
    Endpoint(
      "ild.history", .get, "/apisvc/v0/ild/purchase/history/{customerId}", "Get ILD credit purchase history",
      scenarios: [.reference], fields: [pathCustomerId],
      response: [
        ResponseField("customerId", "The subscriber.").from(.customerIdTerm),
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
      response: [
        ResponseField("purchaseId", "The purchase."),
        ResponseField("balance", .number, "Balance after."),
        ResponseField("groupId", "The group whose lines share the credit.").from(.groupIdTerm),
        ResponseField("total", .number, "Charged, tax included."),
      ]),
    Endpoint(
      "shipment.order", .get, "/apisvc/v0/shipment/order/customer/{customerId}", "Get shipment order details",
      scenarios: [.a], fields: [pathCustomerId],
      response: [
        ResponseField("orderId", "The order."),
        ResponseField("customerId", "The subscriber.").from(.customerIdTerm),
        ResponseField("transactionId", "The purchase that ordered it.").from(.transactionIdTerm),
        ResponseField("status", "The shipment's state.").values(
          ["PENDING", "SHIPPED", "DELIVERED", "CANCELLED"],
          from: .assumption("the guide names shipmentStatus (3.A step 8), not the dispatch states")),
        ResponseField("carrier", "Shipping carrier."),
        ResponseField("trackingNumber", "Tracking number, once shipped.").optional(),
        ResponseField("lines", .integer, "SIM kits in the box."),
      ]),
    Endpoint(
      "shipment.cancel", .put, "/apisvc/v0/shipment/order/cancel/{customerId}", "Cancel pending shipment order",
      scenarios: [.a], fields: [pathCustomerId],
      response: [
        ResponseField("orderId", "The order."),
        ResponseField("status", "The shipment's state.").values(
          ["CANCELLED"], from: .assumption("the guide shows no cancellation response")),
      ]),
  ]
}
