public import ReachCatalogue

/// Checks named arguments against an endpoint's fields and rules: unknown names, missing
/// required fields, types, validators, cross-field rules. Messages never echo a value. A value
/// outside an enum whose values are (partly) this project's assumption is a warning.
public enum ArgumentValidation {
  public static func issues(
    for endpoint: Endpoint, arguments: [String: JSONValue], unresolved: Set<String> = []
  ) -> [ArgumentIssue] {
    var issues: [ArgumentIssue] = []
    let unknown = arguments.keys.filter { endpoint.field(named: $0) == nil && !unresolved.contains($0) }
    for name in unknown.sorted() {
      let suggestion = Similarity.nearest(to: name, among: endpoint.fields.map(\.name), limit: 1).first
      let hint = suggestion.map { " (did you mean '\($0)'?)" } ?? ""
      let known = endpoint.fields.filter { $0.constant == nil }.map(\.name).joined(separator: ", ")
      issues.append(
        ArgumentIssue(field: name, message: "is not a field of '\(endpoint.id)'\(hint); it takes: \(known)"))
    }
    for field in endpoint.fields {
      if unresolved.contains(field.name) { continue }
      guard let value = arguments[field.name], !value.isNull else {
        if field.required && field.constant == nil {
          issues.append(
            ArgumentIssue(
              field: field.name,
              message: "is required by '\(endpoint.id)' (\(field.location.rawValue) \(field.type.name))"))
        }
        continue
      }
      if let constant = field.constant, value != constant {
        issues.append(
          ArgumentIssue(field: field.name, message: "is always \(constant.jsonText()) for '\(endpoint.id)'"))
        continue
      }
      guard field.type.accepts(value) else {
        issues.append(
          ArgumentIssue(field: field.name, message: "must be a \(field.type.name), got a \(value.typeName)"))
        continue
      }
      if let validator = field.validator, let problem = validator.problem(with: value) {
        if case .oneOf(let values) = validator, field.hasAssumedValues {
          // The list is this project's guess, not the guide's: the platform may take other values.
          issues.append(
            ArgumentIssue(
              field: field.name,
              message: "is not one of \(values.joined(separator: "|")), values reach assumed where the guide is silent",
              severity: .warning))
        } else {
          issues.append(ArgumentIssue(field: field.name, message: problem))
        }
      }
    }
    guard !endpoint.rules.isEmpty else { return issues }
    // Usually every argument is known and none is null: the rules read the arguments as they are.
    let known =
      unresolved.isEmpty && !arguments.values.contains(where: \.isNull)
      ? arguments
      : arguments.filter { !$0.value.isNull }.merging(
        unresolved.map { ($0, JSONValue.string("<unresolved>")) }, uniquingKeysWith: { a, _ in a })
    for rule in endpoint.rules {
      // A rule over a value known only at run time is checked at run time.
      if ruleFields(rule).contains(where: unresolved.contains) { continue }
      if let problem = rule.problem(in: known) {
        issues.append(ArgumentIssue(field: problem.field, message: problem.message))
      }
    }
    return issues
  }

  static func ruleFields(_ rule: Rule) -> [String] {
    switch rule {
    case .exactlyOne(let names), .atLeastOne(let names), .allOrNone(let names): return names
    case .requiredWhen(let field, let when, _), .oneOfWhen(let field, _, let when, _): return [field, when]
    }
  }
}
