import Foundation
import ReachCatalogue
import Testing

/// Every fact of the catalogue with where it says it comes from.
struct CatalogueFact: CustomStringConvertible {
  var description: String
  var provenance: Provenance
}

/// Every endpoint, field, enum value, response field, asynchronous relation, terminal state and
/// timing of the catalogue, and every row of the status tables.
let catalogueFacts: [CatalogueFact] = {
  var facts = Catalogue.endpoints.flatMap { e in
    e.facts.map { CatalogueFact(description: "\(e.id) \($0.fact)", provenance: $0.provenance) }
  }
  func add(_ table: String, _ rows: [(String, Provenance)]) {
    facts += rows.map { CatalogueFact(description: "\(table) \($0.0)", provenance: $0.1) }
  }
  add("status", ActivationStatus.allCases.map { ("\($0.rawValue)", $0.provenance) })
  add("purchase", PurchaseState.allCases.map { ($0.rawValue, $0.provenance) })
  add("transaction", TransactionState.allCases.map { ($0.rawValue, $0.provenance) })
  add("sim", SIMType.allCases.map { ($0.rawValue, $0.provenance) })
  add("notification", NotificationType.allCases.map { ($0.rawValue, $0.provenance) })
  add("callback", CallbackType.allCases.map { ($0.rawValue, $0.provenance) })
  add(
    "table",
    [
      ("port-in update types", PortInUpdateType.provenance), ("cut-off reasons", DataCutoffReason.enableProvenance),
      ("restore reasons", DataCutoffReason.removeProvenance),
    ])
  return facts
}()

/// The two captures of the guide, read from `<repo>/../shared/reference` (where CI clones them).
enum GuideCaptures {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/reference")

  static func capture(_ prefix: String) -> String? {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    guard let name = names.sorted().first(where: { $0.hasPrefix(prefix) && $0.hasSuffix(".txt") }) else { return nil }
    return try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
  }

  /// `000_*.txt`: step numbers and sections. `001_*.txt`: the call-out texts.
  static let steps = capture("000_")
  static let callouts = capture("001_")
  static var available: Bool { steps != nil && callouts != nil }

  /// Lower case, every run of whitespace one space: quotes are compared so.
  static func normalised(_ text: String) -> String {
    text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }

  /// The sections of a capture by id (`1.4`, `3.C`, `3.C step 3`, `6`), each with its text up to
  /// the next section that is not inside it. Steps are numbered only in the first capture.
  static func sections(of text: String) -> [String: String] {
    var headings: [(id: String, line: Int)] = []
    var scenario: String? = nil
    let lines = text.components(separatedBy: "\n")
    for (index, raw) in lines.enumerated() {
      let line = raw.trimmingCharacters(in: .whitespaces)
      let chars = Array(line)
      var id: String? = nil
      if chars.count > 3, chars[0].isNumber, chars[1] == ".", chars[2] == " " {
        id = String(chars[0])
        scenario = nil
      } else if chars.count > 4, chars[0].isNumber, chars[1] == ".", chars[2].isNumber, chars[3] == " " {
        id = String(chars[0...2])
        scenario = nil
      } else if line.hasPrefix("Scenario "), chars.count > 11, chars[9].isUppercase, chars[10] == " " {
        scenario = "3.\(chars[9])"
        id = scenario
      } else if let scenario, let step = Int(line), (1...20).contains(step) {
        id = "\(scenario) step \(step)"
      }
      if let id, !headings.contains(where: { $0.id == id }) { headings.append((id, index)) }
    }
    var sections: [String: String] = [:]
    for (position, heading) in headings.enumerated() {
      let end =
        headings[(position + 1)...].first { !$0.id.hasPrefix(heading.id + ".") && !$0.id.hasPrefix(heading.id + " ") }?
        .line ?? lines.count
      sections[heading.id] = normalised(lines[heading.line..<end].joined(separator: "\n"))
    }
    return sections
  }

  static let stepSections = steps.map(sections) ?? [:]
  static let calloutSections = callouts.map(sections) ?? [:]
}

@Suite struct ProvenanceTests {
  @Test func everyPartOfAnEndpointIsAFact() {
    for e in Catalogue.endpoints {
      let expected =
        1 + e.fields.map { 1 + $0.enumValues.count }.reduce(0, +) + e.response.map { 1 + $0.values.count }.reduce(0, +)
        + (e.async.map { 1 + $0.states.count + $0.timings.count } ?? 0)
      #expect(e.facts.count == expected, "\(e.id)")
      #expect(e.assumptions.count == e.facts.filter(\.provenance.isAssumption).count, "\(e.id)")
    }
  }

  @Test func everyFactSaysWhereItComesFrom() {
    #expect(catalogueFacts.count > 600)
    for fact in catalogueFacts {
      switch fact.provenance {
      case .guide(let section, let quote):
        #expect(!section.isEmpty && !quote.trimmingCharacters(in: .whitespaces).isEmpty, "\(fact)")
      case .assumption(let reason):
        #expect(reason.count > 10, "\(fact): an assumption needs its reason")
      }
    }
  }

  /// The issue behind this: statuses 3 and 4 and the purchase states ORDER_RECEIVED and EXPIRED
  /// were credited to the guide, which does not define them.
  @Test func whatTheGuideDoesNotDefineIsAnAssumption() {
    #expect(ActivationStatus.suspended.provenance.isAssumption)
    #expect(ActivationStatus.disconnected.provenance.isAssumption)
    #expect(PurchaseState.orderReceived.provenance.isAssumption)
    #expect(PurchaseState.expired.provenance.isAssumption)
    #expect(!ActivationStatus.portCancelled.provenance.isAssumption)
    #expect(!PurchaseState.paymentPending.provenance.isAssumption)
    for (id, field) in [
      ("usage.summary", "usageData"), ("product.quote", "purchaseType"), ("product.subsequent", "purchaseType"),
      ("customer.reset", "resetType"), ("customer.leaving", "reason"),
    ] {
      let f = Catalogue.endpoint(id)?.field(named: field)
      #expect(f?.hasAssumedValues == true, "\(id).\(field)")
    }
    for (id, field) in [
      ("portin.update", "type"), ("subscriber.dataCutoff", "reasonCode"), ("roaming.countries", "mvne"),
    ] {
      #expect(Catalogue.endpoint(id)?.field(named: field)?.hasAssumedValues == false, "\(id).\(field)")
    }
    let status = Catalogue.endpoint("product.status")?.response.first { $0.path == "paymentStatus" }
    #expect(status?.values.isEmpty == false)
    #expect(status?.values.allSatisfy(\.provenance.isAssumption) == true)
  }

  @Test func fieldsTheGuideNamesAreCreditedAndOthersAreNot() {
    let purchase = Catalogue.endpoint("product.purchase")!
    #expect(!purchase.field(named: "numberToPort")!.provenance.isAssumption)
    #expect(!purchase.field(named: "redirectUrl")!.provenance.isAssumption)
    #expect(purchase.field(named: "firstName")!.provenance.isAssumption)
    #expect(purchase.field(named: "shippingServiceCode")!.provenance.isAssumption)
    // A path parameter is printed by section 6; a query parameter only when section 6 prints it.
    #expect(
      Catalogue.endpoint("device.imei")!.field(named: "imei")!.provenance
        == .guide("6", "GET /apisvc/v0/device/imei/{imei}"))
    #expect(Catalogue.endpoint("invoice.link")!.field(named: "invoiceId")!.provenance.isAssumption)
    #expect(!Catalogue.endpoint("card.get")!.field(named: "cardId")!.provenance.isAssumption)
  }

  @Test(.enabled(if: GuideCaptures.available, "the guide's captures are not in ../shared/reference beside the repo"))
  func everyGuideSectionExists() {
    let known = Set(GuideCaptures.stepSections.keys)
    let parsed = known.isSuperset(of: ["1.3", "1.4", "3.A step 9", "3.K step 2", "4.2", "6"])
    #expect(parsed, "the headings of the guide were not read: \(known.sorted())")
    for fact in catalogueFacts {
      guard case .guide(let section, _) = fact.provenance else { continue }
      let exists = known.contains(section)
      #expect(exists, "\(fact): the guide has no section '\(section)'")
    }
  }

  /// Keeps us honest: the words given for a guide fact are in its section of the guide (the
  /// first capture numbers steps; the second keeps the call-outs, by scenario).
  @Test(.enabled(if: GuideCaptures.available, "the guide's captures are not in ../shared/reference beside the repo"))
  func everyGuideQuoteIsInItsSection() {
    let whole = [GuideCaptures.steps!, GuideCaptures.callouts!].map(GuideCaptures.normalised)
    for fact in catalogueFacts {
      guard case .guide(let section, let quote) = fact.provenance else { continue }
      let words = GuideCaptures.normalised(quote)
      #expect(whole.contains { $0.contains(words) }, "\(fact): \"\(quote)\" is in neither capture of the guide")
      let base = section.components(separatedBy: " step ")[0]
      let inSection =
        GuideCaptures.stepSections[section]?.contains(words) == true
        || GuideCaptures.calloutSections[base]?.contains(words) == true
      #expect(inSection, "\(fact): \"\(quote)\" is not in section \(section) of the guide")
    }
  }

  /// Each endpoint's method, path and summary are one line of section 6.
  @Test(.enabled(if: GuideCaptures.available, "the guide's captures are not in ../shared/reference beside the repo"))
  func everyEndpointIsALineOfSection6() throws {
    let section6 = try #require(GuideCaptures.stepSections["6"])
    for e in Catalogue.endpoints {
      let line = GuideCaptures.normalised("\(e.method.rawValue) \(e.path)")
      let summary = GuideCaptures.normalised(e.summary)
      let found = section6.components(separatedBy: line).dropFirst().contains { rest in
        // The path may go on with the query section 6 prints, then the description.
        let afterQuery = rest.hasPrefix("?") ? String(rest.drop { $0 != " " }) : rest
        return afterQuery.hasPrefix(" " + summary)
      }
      #expect(found, "\(e.id): '\(e.method.rawValue) \(e.path) … \(e.summary)' is not a line of section 6")
    }
  }
}
