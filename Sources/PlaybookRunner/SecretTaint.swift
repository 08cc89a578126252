import Playbook
import ReachCatalogue

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

  /// Registers the value of each expression of a message that reads a secret (`upper(inputs.pin)`
  /// in a `log`), before the message is masked.
  func registerSecretParts(of template: Template, _ context: RunContext) {
    for expression in template.expressions where readsSecret(expression) {
      if let value = try? expression.evaluate(in: environment(context)) { context.masker.register(value) }
    }
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
