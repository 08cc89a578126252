import ReachCatalogue

/// What a dry run must not show of one call: the values of its sensitive arguments (a port-in
/// PIN, a carrier account number: the catalogue marks them), of the playbook's inputs with a
/// sensitive name, and of the foreach rows' sensitive columns. They are masked wherever they go,
/// the path and the query string included, since an argument that is not sensitive itself may
/// carry one (`accountNumber: ${{ row.password }}`).
struct PlanSecrets {
  let sensitiveNames: Set<String>
  /// Longest first, so a secret that contains another is masked whole.
  let values: [String]

  init(call arguments: [String: JSONValue], endpoint: Endpoint, state: RunState) {
    var names = SensitiveFields.names
    for field in endpoint.fields where field.sensitive { names.insert(field.name) }
    var values: Set<String> = []
    func collect(_ object: [String: JSONValue]) {
      for (key, value) in object where names.contains(key) {
        if let text = value.stringValue ?? value.intValue.map(String.init), !text.isEmpty, !text.hasPrefix("<") {
          values.insert(text)
        }
      }
    }
    collect(arguments)
    collect(state.inputs)
    for binding in state.bindings.values {
      if case .object(let row) = binding { collect(row) }
    }
    self.sensitiveNames = names
    // A value of one or two characters would mask ordinary text, and hides nothing.
    self.values = values.filter { $0.count >= 3 }.sorted { $0.count > $1.count }
  }

  func isSensitive(_ name: String) -> Bool { sensitiveNames.contains(name) }

  /// `text` with each secret in it replaced by a token that `tokens` maps to `***`.
  func tokenized(_ text: String, tokens: inout [String: String]) -> String {
    var result = text
    for secret in values where result.contains(secret) {
      let token = "PLACEHOLDER\(tokens.count)X"
      tokens[token] = SensitiveFields.mask
      result = result.replacing(secret, with: token)
    }
    return result
  }
}
