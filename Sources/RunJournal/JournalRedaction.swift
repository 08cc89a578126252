public import ReachCatalogue

/// The journal's own guard: whatever a caller hands it, sensitive fields are masked (and their
/// values registered with the journal's masker), then every secret the masker knows, before
/// anything reaches the file.
public enum JournalRedaction {
  public static func mask(_ value: JSONValue, _ masker: SecretMasker) -> JSONValue {
    masker.mask(SensitiveFields.masked(value, registeringIn: masker))
  }

  /// A run's inputs: `mask`, and first the value of each input named like a sensitive field
  /// (`correctedPin`, `retryCardNumber`) replaced by `***` whatever its length, since a short one
  /// is no registered secret.
  public static func maskInputs(_ inputs: JSONValue, _ masker: SecretMasker) -> JSONValue {
    guard case .object(var object) = inputs else { return mask(inputs, masker) }
    for (name, value) in object where SensitiveFields.isSensitiveLike(name) && !value.isNull {
      masker.register(value)
      object[name] = .string(SensitiveFields.mask)
    }
    return mask(.object(object), masker)
  }

  public static func mask(_ text: String?, _ masker: SecretMasker) -> String? {
    text.map(masker.mask)
  }
}
