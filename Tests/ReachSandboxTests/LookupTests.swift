import HTTPTypes
import ReachCatalogue
import ReachSandbox
import Testing

@Suite("Lookups and magic values")
struct LookupTests {
  @Test func magicValuesChangeTheAnswers() async throws {
    try await SandboxHarness().run { (caller: Caller) async throws in
      #expect(
        try await caller.call(.post, "/apisvc/v0/network/coverage", json: ["zip": "10001"])["brandCoverage"] == true)
      #expect(
        try await caller.call(.post, "/apisvc/v0/network/coverage", json: ["zip": .string(MagicValues.noCoverageZip)])[
          "brandCoverage"] == false)
      #expect(try await caller.call(.get, "/apisvc/v0/device/imei/351234567890124")["isValid"] == true)
      #expect(try await caller.call(.get, "/apisvc/v0/device/imei/\(MagicValues.incompatibleImei)")["isValid"] == false)
      #expect(try await caller.call(.put, "/apisvc/v0/port/validate/mdn?mdn=3125550123")["isPortValidate"] == true)
      #expect(
        try await caller.call(.put, "/apisvc/v0/port/validate/mdn?mdn=\(MagicValues.ineligiblePortInMdn)")[
          "isPortValidate"] == false)
      #expect(
        try await caller.call(.post, "/apisvc/v0/iccid/validate", json: ["iccId": "8901000000000000092"])["isValid"]
          == true)
    }
  }

  @Test func plansMakeUpAndDowngradesMeaningful() async throws {
    try await SandboxHarness().run { caller in
      let reply = try await caller.call(.get, "/apisvc/v0/product/fetch")
      let plans = try #require(reply["plans"]?.arrayValue)
      let codes = Set(plans.compactMap { $0["serviceCode"]?.stringValue })
      for plan in plans {
        for key in ["serviceCode", "baseLinePrice", "maxLines", "fccLabel", "upGradableTo", "downGradableTo"] {
          #expect(plan[key] != nil, "\(key)")
        }
        for target in (plan["upGradableTo"]?.arrayValue ?? []) + (plan["downGradableTo"]?.arrayValue ?? []) {
          #expect(codes.contains(target.stringValue ?? ""))
        }
      }
      #expect(plans.contains { !($0["upGradableTo"]?.arrayValue ?? []).isEmpty })
      #expect(plans.contains { !($0["downGradableTo"]?.arrayValue ?? []).isEmpty })
      #expect(reply["services"]?.arrayValue?.isEmpty == false)
      #expect(reply["offers"]?.arrayValue?.isEmpty == false)
    }
  }
}
