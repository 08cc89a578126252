/// An endpoint's described response fields as a tree: `link.url` under `link`, `cards[].uuid`
/// under `cards[]`. The drift check (`ContractCheck`) walks answers against it and the OpenAPI
/// document's response schemas are written from it; `Endpoint.responseTree` builds it once.
public struct ResponseTree: Sendable, Hashable {
  /// The field described at this node, if one is (a leaf, or an object described as a whole).
  public var field: ResponseField?
  /// Whether this member is a list (`cards[]`), its items described by this node.
  public var isArray = false
  public var children: [String: ResponseTree] = [:]
  /// The children's names in the order the catalogue lists their fields.
  public var order: [String] = []

  public init(_ fields: [ResponseField] = []) {
    for field in fields { insert(field, at: field.path.split(separator: ".")[...]) }
  }

  private mutating func insert(_ field: ResponseField, at segments: ArraySlice<Substring>) {
    guard let segment = segments.first else {
      self.field = field
      return
    }
    let isArray = segment.hasSuffix("[]")
    let name = String(isArray ? segment.dropLast(2) : segment)
    if children[name] == nil {
      children[name] = ResponseTree()
      order.append(name)
    }
    if isArray { children[name]?.isArray = true }
    children[name]?.insert(field, at: segments.dropFirst())
  }

  /// The children in the catalogue's order.
  public var ordered: [(name: String, tree: ResponseTree)] {
    order.compactMap { name in children[name].map { (name, $0) } }
  }

  /// Whether nothing at or under this node is required: an optional field, or an object whose
  /// every member is optional.
  public var isOptional: Bool {
    if let field { return field.isOptional }
    return children.values.allSatisfy(\.isOptional)
  }

  /// What is expected here, in messages: `string`, `list<string>`, `object`, `list<object>`.
  var expectedName: String {
    if let field { return isArray ? "list<\(field.type.name)>" : field.type.name }
    return isArray ? "list<object>" : "object"
  }
}
