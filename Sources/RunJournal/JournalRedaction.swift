public import ReachCatalogue

/// The journal's own guard: whatever a caller hands it, sensitive fields are masked before they
/// reach the file.
public enum JournalRedaction {
  public static func mask(_ value: JSONValue) -> JSONValue { SensitiveFields.masked(value) }
}
