public import ReachCatalogue

/// Scenario D: an activation by IMEI is an eSIM activation and must say `esim: true`, and an
/// ICCID activation must not claim to be eSIM. The catalogue's rules cannot say "when this field
/// is present", so this plugin extends the generated one.
extension ActivationSubmitEndpoint {
  public func validate(_ arguments: [String: JSONValue], unresolved: Set<String>) -> [ArgumentIssue] {
    var issues = ArgumentValidation.issues(for: endpoint, arguments: arguments, unresolved: unresolved)
    guard !unresolved.contains("esim") else { return issues }
    let esim = arguments["esim"]?.boolValue ?? false
    if arguments["imei"].map({ !$0.isNull }) ?? false, !unresolved.contains("imei"), !esim {
      issues.append(ArgumentIssue(field: "esim", message: "must be true when activating by IMEI (Scenario D: eSIM)"))
    }
    if arguments["iccId"].map({ !$0.isNull }) ?? false, esim {
      issues.append(ArgumentIssue(field: "esim", message: "must not be true when activating a physical SIM by ICCID"))
    }
    return issues
  }
}
