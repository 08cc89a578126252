/// One way an answer differs from its endpoint's description in the catalogue (issue 16: contract
/// drift). The catalogue's bodies are this project's design where the guide lost them, so against
/// a real platform these say where the design and the platform part.
public struct ContractDifference: Sendable, Hashable, Codable {
  public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A field the catalogue describes is not in the answer.
    case missing
    /// The answer has a field the catalogue does not describe.
    case undescribed
    /// The field's JSON type is not the described one.
    case wrongType
    /// A value outside the values the catalogue lists for the field.
    case unknownValue
    /// A status code the catalogue does not list for the endpoint.
    case undeclaredStatus
  }

  public var endpointID: String
  public var kind: Kind
  /// Where in the body: `link.url`, `cards[].uuid`; empty for a status.
  public var path: String
  /// What the catalogue describes (a type, a list of values, the statuses).
  public var expected: String
  /// What came: a type, a value (never of a sensitive field), a status.
  public var seen: String

  public init(endpointID: String, kind: Kind, path: String, expected: String, seen: String) {
    self.endpointID = endpointID
    self.kind = kind
    self.path = path
    self.expected = expected
    self.seen = seen
  }

  /// `product.plans: plans[].price is a string, described as a number`.
  public var summary: String {
    let field = path.isEmpty ? "" : " \(path)"
    switch kind {
    case .missing: return "\(endpointID):\(field) is missing (described as \(Self.article(expected)))"
    case .undescribed: return "\(endpointID):\(field) is not in the catalogue (\(Self.article(seen)) came)"
    case .wrongType: return "\(endpointID):\(field) is \(Self.article(seen)), described as \(Self.article(expected))"
    case .unknownValue: return "\(endpointID):\(field) is \(seen), not one of \(expected)"
    case .undeclaredStatus:
      return "\(endpointID): answered HTTP \(seen), which the catalogue does not list (\(expected))"
    }
  }

  /// `integer` → `an integer`, `string` → `a string`.
  static func article(_ type: String) -> String {
    guard let first = type.first, "aeiou".contains(first) else { return "a \(type)" }
    return "an \(type)"
  }
}

/// Compares an answer with the catalogue's description of its endpoint.
public enum ContractCheck {
  /// The statuses section 5 lists for every endpoint (it gives them for the whole API), besides
  /// each endpoint's own success status; 413 and 415 are the sandbox's (an assumption of ours).
  public static let errorStatuses: Set<Int> = [400, 401, 403, 404, 405, 409, 413, 415, 429, 500, 503, 504]

  /// The differences between `body`, answered with `status`, and `endpoint`'s description. Only
  /// a success's body is compared (an error's is section 5's shape, not the endpoint's).
  public static func differences(_ endpoint: Endpoint, status: Int, body: JSONValue) -> [ContractDifference] {
    let declared = errorStatuses.union([endpoint.successStatus, 200])
    guard declared.contains(status) else {
      let list = declared.sorted().map(String.init).joined(separator: ", ")
      return [
        ContractDifference(
          endpointID: endpoint.id, kind: .undeclaredStatus, path: "", expected: list, seen: String(status))
      ]
    }
    guard (200..<300).contains(status), !endpoint.response.isEmpty else { return [] }
    var found: [ContractDifference] = []
    endpoint.responseTree.compare(body, path: "", endpoint: endpoint.id, into: &found)
    return found
  }
}

/// The drift check's walk: a success's body against the described fields.
extension ResponseTree {
  func compare(_ value: JSONValue, path: String, endpoint: String, into found: inout [ContractDifference]) {
    guard case .object(let members) = value else {
      if !children.isEmpty {
        found.append(
          ContractDifference(
            endpointID: endpoint, kind: .wrongType, path: path.isEmpty ? "(body)" : path, expected: "object",
            seen: value.typeName))
      }
      return
    }
    for (name, child) in ordered {
      let childPath = path.isEmpty ? name : path + "." + name
      let shown = child.isArray ? childPath + "[]" : childPath
      guard let member = members[name], !member.isNull else {
        if child.field?.isOptional != true, !child.isOptional {
          found.append(
            ContractDifference(
              endpointID: endpoint, kind: .missing, path: shown, expected: child.expectedName, seen: "nothing"))
        }
        continue
      }
      if child.isArray {
        guard case .array(let items) = member else {
          found.append(
            ContractDifference(
              endpointID: endpoint, kind: .wrongType, path: childPath, expected: "list", seen: member.typeName))
          continue
        }
        for item in items { child.compareOne(item, path: shown, endpoint: endpoint, into: &found) }
      } else {
        child.compareOne(member, path: childPath, endpoint: endpoint, into: &found)
      }
    }
    for name in members.keys.sorted() where children[name] == nil {
      let childPath = path.isEmpty ? name : path + "." + name
      found.append(
        ContractDifference(
          endpointID: endpoint, kind: .undescribed, path: childPath, expected: "", seen: members[name]!.typeName))
    }
  }

  /// One value at this node: a leaf's type and values, or an object's members.
  func compareOne(_ value: JSONValue, path: String, endpoint: String, into found: inout [ContractDifference]) {
    if !children.isEmpty {
      compare(value, path: path, endpoint: endpoint, into: &found)
      return
    }
    guard let field else { return }
    guard field.type.acceptsOnTheWire(value) else {
      found.append(
        ContractDifference(
          endpointID: endpoint, kind: .wrongType, path: path, expected: field.type.name, seen: value.typeName))
      return
    }
    if !field.values.isEmpty, !field.values.contains(where: { $0.value == value }), !field.sensitive {
      found.append(
        ContractDifference(
          endpointID: endpoint, kind: .unknownValue, path: path,
          expected: field.values.map(\.text).joined(separator: "|"), seen: value.stringValue ?? value.jsonText()))
    }
  }
}

extension FieldType {
  /// Whether `value` has this type as a strict JSON answer has it: a string is a JSON string,
  /// an integer a whole number.
  public func acceptsOnTheWire(_ value: JSONValue) -> Bool {
    switch (self, value) {
    case (.string, .string): return true
    case (.string, _): return false
    case (.list(let element), .array(let items)): return items.allSatisfy(element.acceptsOnTheWire)
    default: return accepts(value)
    }
  }
}
