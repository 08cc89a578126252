import ReachCatalogue

/// A plan of the sandbox's product catalogue.
struct SandboxPlan: Sendable {
  var serviceCode: String
  var name: String
  var baseLinePrice: Double
  var maxLines: Int
  var dataGB: Double
  var upGradableTo: [String]
  var downGradableTo: [String]

  var fccLabel: String { "FCC-\(serviceCode)" }

  var json: JSONValue {
    [
      "serviceCode": .string(serviceCode), "name": .string(name), "baseLinePrice": .double(baseLinePrice),
      "maxLines": .int(maxLines), "fccLabel": .string(fccLabel), "dataGB": .double(dataGB),
      "upGradableTo": .array(upGradableTo.map(JSONValue.string)),
      "downGradableTo": .array(downGradableTo.map(JSONValue.string)),
    ]
  }
}

struct SandboxService: Sendable {
  var serviceCode: String
  var name: String
  var type: String
  var price: Double
  var dataGB: Double = 0

  var json: JSONValue {
    ["serviceCode": .string(serviceCode), "name": .string(name), "type": .string(type), "price": .double(price)]
  }
}

struct SandboxOffer: Sendable {
  var couponCode: String
  var description: String
  var discount: Double

  var json: JSONValue {
    ["couponCode": .string(couponCode), "description": .string(description), "discount": .double(discount)]
  }
}

/// The fixed product catalogue: four plans in a ladder, so that each has somewhere to go.
enum SandboxProducts {
  static let plans: [SandboxPlan] = [
    SandboxPlan(
      serviceCode: "REACH-STARTER-5GB", name: "Starter 5 GB", baseLinePrice: 15, maxLines: 4, dataGB: 5,
      upGradableTo: ["REACH-PLUS-15GB", "REACH-UNLIMITED", "REACH-UNLIMITED-PREMIUM"], downGradableTo: []),
    SandboxPlan(
      serviceCode: "REACH-PLUS-15GB", name: "Plus 15 GB", baseLinePrice: 25, maxLines: 5, dataGB: 15,
      upGradableTo: ["REACH-UNLIMITED", "REACH-UNLIMITED-PREMIUM"], downGradableTo: ["REACH-STARTER-5GB"]),
    SandboxPlan(
      serviceCode: "REACH-UNLIMITED", name: "Unlimited", baseLinePrice: 40, maxLines: 5, dataGB: 0,
      upGradableTo: ["REACH-UNLIMITED-PREMIUM"], downGradableTo: ["REACH-PLUS-15GB", "REACH-STARTER-5GB"]),
    SandboxPlan(
      serviceCode: "REACH-UNLIMITED-PREMIUM", name: "Unlimited Premium", baseLinePrice: 55, maxLines: 6, dataGB: 0,
      upGradableTo: [], downGradableTo: ["REACH-UNLIMITED", "REACH-PLUS-15GB", "REACH-STARTER-5GB"]),
  ]

  static let services: [SandboxService] = [
    SandboxService(serviceCode: "SHIP-STANDARD", name: "Standard shipping", type: "SHIPPING", price: 0),
    SandboxService(serviceCode: "SHIP-EXPRESS", name: "Express shipping", type: "SHIPPING", price: 9.99),
    SandboxService(serviceCode: "TOPUP-1GB", name: "1 GB top-up", type: "TOPUP", price: 5, dataGB: 1),
    SandboxService(serviceCode: "TOPUP-5GB", name: "5 GB top-up", type: "TOPUP", price: 20, dataGB: 5),
  ]

  static let offers: [SandboxOffer] = [
    SandboxOffer(couponCode: "WELCOME10", description: "10 off the first month", discount: 10)
  ]

  static func plan(_ code: String) -> SandboxPlan? { plans.first { $0.serviceCode == code } }
  static func service(_ code: String) -> SandboxService? { services.first { $0.serviceCode == code } }

  static let taxRate = 0.08

  static func rounded(_ x: Double) -> Double { (x * 100).rounded() / 100 }
}
