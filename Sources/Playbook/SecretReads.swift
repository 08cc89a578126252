import ReachCatalogue

/// Which expressions carry a secret into their value, and `reach validate`'s warnings for the
/// places where such a value leaves the run: a `log`, a `fail` message, an output. These are
/// allowed (the run masks the value everywhere), but rarely meant.
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

  /// Every `log`, `fail` and output of `playbook` that reads a secret, in document order.
  public static func warnings(in playbook: Playbook) -> [Diagnostic] {
    var tainted = secretInputs(of: playbook)
    var warnings: [Diagnostic] = []
    func warn(_ template: Template, _ what: String) {
      for expression in template.expressions {
        guard let path = secretPath(in: expression, tainted: tainted) else { continue }
        warnings.append(
          Diagnostic(
            expression.location,
            "\(what) reads the secret '\(path)': allowed, but its value shows only as \(SecretMasker.mask) in every output",
            severity: .warning))
      }
    }
    for entry in playbook.vars where secretPath(in: entry.value, tainted: tainted) != nil {
      tainted.insert("vars." + entry.key)
    }
    for step in playbook.allSteps {
      switch step.kind {
      case .set(let entries):
        for entry in entries where secretPath(in: entry.value, tainted: tainted) != nil {
          tainted.insert("vars." + entry.key)
        }
      case .call(let call):
        guard let id = step.id?.value else { break }
        for entry in call.extract where secretPath(in: entry.value, tainted: tainted) != nil {
          tainted.insert("steps.\(id).\(entry.key)")
        }
      case .foreach(let foreach):
        if secretPath(in: foreach.items, tainted: tainted) != nil { tainted.insert(foreach.itemName) }
      case .log(let message): warn(message, "'log'")
      case .fail(let message): warn(message, "'fail'")
      default: break
      }
    }
    for entry in playbook.outputs {
      for expression in entry.value.expressions {
        guard let path = secretPath(in: expression, tainted: tainted) else { continue }
        warnings.append(
          Diagnostic(
            expression.location,
            "output '\(entry.key)' reads the secret '\(path)': allowed, but its value shows only as \(SecretMasker.mask) in every output",
            severity: .warning))
      }
    }
    return warnings
  }
}
