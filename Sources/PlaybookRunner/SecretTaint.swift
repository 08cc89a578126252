import Playbook
public import ReachCatalogue

/// Which values of a run are secret, and registering them with the run's masker: the inputs that
/// are secret (declared `secret: true`, or named like a sensitive field), and every value an
/// expression computes from a secret (taint): a `set` or `vars` entry, an `extract`, an output, a
/// foreach item, the parts of a `log` or `fail` message. A name that holds such a value is
/// tainted in turn, so what is computed from it later is registered too.
extension RunState {
  /// Registers the secret inputs' values and taints their names.
  mutating func taintSecretInputs(of playbook: Playbook, masker: SecretMasker) {
    for input in playbook.inputs where input.isSecret {
      if let value = inputs[input.name] { masker.register(value) }
    }
    tainted.formUnion(SecretReads.secretInputs(of: playbook))
  }

  /// Whether `expression` carries a secret into its value (see `SecretReads`).
  func readsSecret(_ expression: Expression) -> Bool {
    SecretReads.secretPath(in: expression, tainted: tainted) != nil
  }

  func readsSecret(_ value: TemplateValue) -> Bool {
    value.expressions.contains(where: readsSecret)
  }

  /// Registers `value` when `template` reads a secret, tainting `name`; returns whether it did.
  @discardableResult
  mutating func taint(_ name: String, _ value: JSONValue, from template: TemplateValue, _ masker: SecretMasker) -> Bool
  {
    guard readsSecret(template) else { return false }
    tainted.insert(name)
    masker.register(value)
    return true
  }

  /// `template`'s value with each part that reads a secret shown as `SecretTaint.shown` of its
  /// value: replaced by what reads the secret, not found by value, so a secret of any length (a
  /// 4-digit PIN, a 3-character token) is masked. The parts' values are registered with the masker
  /// too, so a long one is masked wherever else it goes.
  func evaluateMasked(_ template: Template, _ context: RunContext) throws(ExpressionError) -> JSONValue {
    let environment = environment(context)
    func part(_ expression: Expression) throws(ExpressionError) -> JSONValue {
      let value = try expression.evaluate(in: environment)
      guard readsSecret(expression) else { return value }
      context.masker.register(value)
      return SecretTaint.shown(value)
    }
    if let single = template.single { return try part(single) }
    var out = ""
    for piece in template.parts {
      switch piece {
      case .text(let text): out += text
      case .expression(let expression): out += try part(expression).interpolated
      }
    }
    return .string(out)
  }

  /// Binds a foreach item: tainted when the list is computed from a secret; the values of its
  /// members named like a sensitive field (a csv row's `pin` column) are registered.
  mutating func bind(_ name: String, _ item: JSONValue, secret: Bool, _ masker: SecretMasker) {
    bindings[name] = item
    if secret {
      tainted.insert(name)
      masker.register(item)
    } else if case .object(let members) = item {
      for (key, member) in members where SensitiveFields.isSensitiveLike(key) { masker.register(member) }
    }
  }
}

/// What a value that is or is computed from a secret shows as, whatever its length.
public enum SecretTaint {
  /// `***`, or `***` and the last four digits of a card number; null stays null (nothing was
  /// given).
  public static func shown(_ value: JSONValue) -> JSONValue {
    switch value {
    case .null: return value
    case .string(let text): return .string(SecretMasker.replacement(for: text))
    // A card number may come as a number (from a JSON input or an answer).
    case .int, .double: return .string(SecretMasker.replacement(for: value.jsonText()))
    default: return .string(SecretMasker.mask)
    }
  }

  /// `values` with each one named in `secret` shown as `shown` of it.
  public static func shown(_ values: [String: JSONValue], secret: Set<String>) -> [String: JSONValue] {
    var out = values
    for key in secret { if let value = values[key] { out[key] = shown(value) } }
    return out
  }
}
