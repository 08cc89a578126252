import ReachCatalogue

/// Which expressions carry a secret into their value.
///
/// An expression carries a secret when it reads a secret input (`secret: true`, or named like a
/// sensitive field), a field named like a sensitive one (`response.accountAccessSecreteKey`,
/// `item.pin`), or a name that holds a value computed from a secret (a `set` var, an `extract`, a
/// foreach item over a secret list). A comparison or a negation yields only true or false and
/// carries nothing.
public enum SecretReads {
  /// The first secret path `expression` reads (`inputs.password`), or nil. `tainted` holds the
  /// names that carry a secret: `inputs.password`, `vars.token`, `steps.keys.secret`, `row`.
  public static func secretPath(in expression: Expression, tainted: Set<String>) -> String? {
    switch expression.root.kind {
    case .binary, .not: return nil
    default: break
    }
    for (path, _) in expression.root.readPaths {
      let whole = path.joined(separator: ".")
      if path.contains(where: SensitiveFields.isSensitiveLike) { return whole }
      for prefix in 1...path.count where tainted.contains(path[0..<prefix].joined(separator: ".")) { return whole }
      if tainted.contains(where: { $0.hasPrefix(whole + ".") }) { return whole }
    }
    return nil
  }

  public static func secretPath(in value: TemplateValue, tainted: Set<String>) -> String? {
    value.expressions.lazy.compactMap { secretPath(in: $0, tainted: tainted) }.first
  }

  /// The names a playbook's secret inputs taint from the start.
  public static func secretInputs(of playbook: Playbook) -> Set<String> {
    Set(playbook.inputs.filter(\.isSecret).map { "inputs." + $0.name })
  }
}
