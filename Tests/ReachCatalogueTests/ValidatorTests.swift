import ReachCatalogue
import Testing

@Suite struct ValidatorTests {
  // ICCIDs and IMEIs built with their check digits, so the tests say what they test.
  static let iccid19 = Luhn.complete("890141032111185107")  // 18 + check = 19
  static let iccid20 = Luhn.complete("8901410321111851072")  // 19 + check = 20
  static let imei = Luhn.complete("35209900176148")  // 14 + check = 15

  static func flipCheckDigit(_ s: String) -> String {
    let last = Int(String(s.last!))!
    return String(s.dropLast()) + String((last + 1) % 10)
  }

  @Test func luhn() {
    #expect(Luhn.isValid("79927398713"))
    #expect(!Luhn.isValid("79927398710"))
    #expect(!Luhn.isValid(""))
    #expect(!Luhn.isValid("7992739871a"))
    #expect(Luhn.checkDigit(for: "7992739871") == 3)
  }

  @Test func iccid() {
    #expect(Validator.iccid.problem(with: .string(Self.iccid19)) == nil)
    #expect(Validator.iccid.problem(with: .string(Self.iccid20)) == nil)
    #expect(
      Validator.iccid.problem(with: .string(Self.flipCheckDigit(Self.iccid20)))
        == "must be an ICCID with a valid Luhn check digit")
    #expect(Validator.iccid.problem(with: .string("8901410321111851")) == "must be an ICCID of 19–20 digits, got 16")
    #expect(
      Validator.iccid.problem(with: .string(Luhn.complete("89014103211118510720")))
        == "must be an ICCID of 19–20 digits, got 21")
    #expect(Validator.iccid.problem(with: .string("89014103211118510A2")) == "must be an ICCID: digits only")
    #expect(Validator.iccid.problem(with: .bool(true)) != nil)
  }

  @Test func imei() {
    #expect(Validator.imei.problem(with: .string(Self.imei)) == nil)
    #expect(Validator.imei.problem(with: .int(Int(Self.imei)!)) == nil)
    #expect(
      Validator.imei.problem(with: .string(Self.flipCheckDigit(Self.imei)))
        == "must be an IMEI with a valid Luhn check digit")
    #expect(Validator.imei.problem(with: .string("3520990017614")) == "must be an IMEI of 15 digits, got 13")
    #expect(Validator.imei.problem(with: .string("35209900176148X")) == "must be an IMEI: digits only")
  }

  @Test func mdnAndZip() {
    #expect(Validator.mdn.problem(with: "2125550123") == nil)
    #expect(Validator.mdn.problem(with: "212555012") == "must be an MDN of 10 digits, got 9")
    #expect(Validator.mdn.problem(with: "212-555-0123") == "must be an MDN: digits only")
    #expect(Validator.zip.problem(with: "94105") == nil)
    #expect(Validator.zip.problem(with: "9410") == "must be a ZIP code of 5 digits, got 4")
    #expect(Validator.zip.problem(with: "9410A") == "must be a ZIP code: digits only")
  }

  @Test func httpsURLs() {
    #expect(Validator.httpsURL.problem(with: "https://brand.example/payment/confirm") == nil)
    #expect(Validator.httpsURL.problem(with: "HTTPS://brand.example") == nil)
    #expect(
      Validator.httpsURL.problem(with: "http://brand.example/confirm") == "must use https:// (2.2: HTTP is rejected)")
    #expect(Validator.httpsURL.problem(with: "https://") == "must be an https:// URL with a host")
    #expect(Validator.httpsURL.problem(with: "brand.example") == "must be an https:// URL")
  }

  @Test func enumsEmailDateRange() {
    let reasons = Validator.oneOf(DataCutoffReason.enable)
    #expect(reasons.problem(with: "BILLDUE") == nil)
    #expect(reasons.problem(with: "BILLPAID") == "must be one of OVERUSE|BILLDUE|CUSTOMER_REQUEST|OTHER")
    #expect(Validator.email.problem(with: "a@b.example") == nil)
    #expect(Validator.email.problem(with: "a@b") != nil)
    #expect(Validator.date.problem(with: "2026-11-23") == nil)
    #expect(Validator.date.problem(with: "2026-13-01") != nil)
    #expect(Validator.range(1, 10).problem(with: 3) == nil)
    #expect(Validator.range(1, 10).problem(with: 11) == "must be a whole number from 1 to 10")
  }

  @Test func rules() {
    let exactly = Rule.exactlyOne(["iccId", "imei"])
    #expect(exactly.problem(in: ["iccId": "1"]) == nil)
    #expect(exactly.problem(in: [:])?.message == "needs one of 'iccId' or 'imei'")
    #expect(exactly.problem(in: ["iccId": "1", "imei": "2"])?.field == "imei")
    let together = Rule.allOrNone(["numberToPort", "password"])
    #expect(together.problem(in: [:]) == nil)
    #expect(together.problem(in: ["numberToPort": "1"])?.field == "password")
    let when = Rule.oneOfWhen(field: "reasonCode", allowed: DataCutoffReason.remove, when: "enable", equals: false)
    #expect(when.problem(in: ["enable": false, "reasonCode": "BILLPAID"]) == nil)
    #expect(
      when.problem(in: ["enable": false, "reasonCode": "OVERUSE"])?.message
        == "must be one of BILLPAID|CUSTOMER_REQUEST|OTHER when 'enable' is false")
    #expect(when.problem(in: ["enable": true, "reasonCode": "OVERUSE"]) == nil)
  }

  @Test func jsonText() {
    let value: JSONValue = ["b": [1, 2.5, "x\"y"], "a": nil, "c": true]
    #expect(value.jsonText() == #"{"a":null,"b":[1,2.5,"x\"y"],"c":true}"#)
    #expect(JSONValue.double(3).jsonText() == "3")
    #expect(value.value(atPath: "b.2") == "x\"y")
  }
}
