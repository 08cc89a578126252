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

/// A destination: roaming prices in it, and the rate of international (ILD) calls to it.
struct SandboxCountry: Sendable {
  var countryCode: String
  var name: String
  var zone: String
  var ildPulseSize: Int
  var pricePerMinute: Double
  var pricePerMB: Double
  var pricePerSMS: Double

  var json: JSONValue {
    [
      "countryCode": .string(countryCode), "name": .string(name), "zone": .string(zone),
      "ildPulseSize": .int(ildPulseSize), "pricePerMinute": .double(pricePerMinute),
      "pricePerMB": .double(pricePerMB), "pricePerSMS": .double(pricePerSMS),
    ]
  }
}

/// An international roaming (IR) pack on sale: what it allows, where, for how long.
struct SandboxIRPack: Sendable {
  var packId: String
  var name: String
  var zones: [String]
  var dataMB: Int
  var voiceMinutes: Int
  var sms: Int
  var validityDays: Int
  var price: Double

  var json: JSONValue {
    [
      "packId": .string(packId), "name": .string(name), "zones": .array(zones.map(JSONValue.string)),
      "dataMB": .int(dataMB), "voiceMinutes": .int(voiceMinutes), "sms": .int(sms),
      "validityDays": .int(validityDays), "price": .double(price),
    ]
  }
}

/// Roaming countries and IR packs (Scenario J), and the ILD destinations.
extension SandboxProducts {
  static let countries: [SandboxCountry] = [
    SandboxCountry(
      countryCode: "CA", name: "Canada", zone: "Z1", ildPulseSize: 60, pricePerMinute: 0.05, pricePerMB: 0.01,
      pricePerSMS: 0.05),
    SandboxCountry(
      countryCode: "MX", name: "Mexico", zone: "Z1", ildPulseSize: 60, pricePerMinute: 0.10, pricePerMB: 0.01,
      pricePerSMS: 0.05),
    SandboxCountry(
      countryCode: "FR", name: "France", zone: "Z2", ildPulseSize: 60, pricePerMinute: 0.20, pricePerMB: 0.02,
      pricePerSMS: 0.10),
    SandboxCountry(
      countryCode: "GB", name: "United Kingdom", zone: "Z2", ildPulseSize: 60, pricePerMinute: 0.05,
      pricePerMB: 0.02, pricePerSMS: 0.10),
    SandboxCountry(
      countryCode: "IN", name: "India", zone: "Z3", ildPulseSize: 30, pricePerMinute: 0.15, pricePerMB: 0.05,
      pricePerSMS: 0.15),
    SandboxCountry(
      countryCode: "PH", name: "Philippines", zone: "Z3", ildPulseSize: 30, pricePerMinute: 0.25, pricePerMB: 0.05,
      pricePerSMS: 0.15),
  ]

  /// Zone 1 packs cover North America; the worldwide ones every zone.
  static let irPacks: [SandboxIRPack] = [
    SandboxIRPack(
      packId: "IR-DAY-NA", name: "Daily Pass North America", zones: ["Z1"], dataMB: 500, voiceMinutes: 30, sms: 30,
      validityDays: 1, price: 5),
    SandboxIRPack(
      packId: "IR-WEEK-NA", name: "Weekly Pass North America", zones: ["Z1"], dataMB: 1024, voiceMinutes: 100,
      sms: 100, validityDays: 7, price: 20),
    SandboxIRPack(
      packId: "IR-DAY-WW", name: "Daily Pass Worldwide", zones: ["Z1", "Z2", "Z3"], dataMB: 500, voiceMinutes: 30,
      sms: 30, validityDays: 1, price: 10),
    SandboxIRPack(
      packId: "IR-WEEK-WW", name: "Weekly Pass Worldwide", zones: ["Z1", "Z2", "Z3"], dataMB: 2048,
      voiceMinutes: 100, sms: 100, validityDays: 7, price: 40),
    SandboxIRPack(
      packId: "IR-MONTH-WW", name: "Monthly Pass Worldwide", zones: ["Z1", "Z2", "Z3"], dataMB: 10240,
      voiceMinutes: 500, sms: 500, validityDays: 30, price: 90),
  ]

  /// Where ILD calls go, one call after another (see `SandboxState+ILD.swift`).
  static let ildRotation = ["MX", "IN", "PH", "GB"]

  static func country(_ code: String) -> SandboxCountry? { countries.first { $0.countryCode == code } }
  static func irPack(_ id: String) -> SandboxIRPack? { irPacks.first { $0.packId == id } }
}
