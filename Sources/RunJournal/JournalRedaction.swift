public import ReachCatalogue

/// The journal's own guard: whatever a caller hands it, sensitive fields are masked (and their
/// values registered with the journal's masker), then every secret the masker knows, before
/// anything reaches the file.
public enum JournalRedaction {
  public static func mask(_ value: JSONValue, _ masker: SecretMasker) -> JSONValue {
    masker.mask(SensitiveFields.masked(value, registeringIn: masker))
  }

  public static func mask(_ text: String?, _ masker: SecretMasker) -> String? {
    text.map(masker.mask)
  }
}
