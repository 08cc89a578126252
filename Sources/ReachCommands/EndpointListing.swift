public import ReachCatalogue

/// The catalogue as `reach endpoints` prints it: a table, or JSON for tools.
public enum EndpointListing {
  public static func table(_ endpoints: [Endpoint]) -> String {
    let rows = endpoints.map { e in
      [e.id, e.method.rawValue, e.path, e.isAsync ? "async" : "", e.summary]
    }
    return TextTable.render(["ID", "METHOD", "PATH", "ASYNC", "SUMMARY"], rows)
  }

  public static func json(_ endpoints: [Endpoint]) -> JSONValue {
    .array(endpoints.map(json))
  }

  public static func json(_ e: Endpoint) -> JSONValue {
    var object: [String: JSONValue] = [
      "id": .string(e.id),
      "method": .string(e.method.rawValue),
      "path": .string(e.path),
      "summary": .string(e.summary),
      "async": .bool(e.isAsync),
      "scenarios": .array(e.scenarios.map { .string($0.rawValue) }),
      "changesState": .bool(e.changesState),
      "retrySafe": .bool(e.retrySafe),
      "successStatus": .int(e.successStatus),
      "provenance": e.provenance.json,
      "fields": .array(
        e.fields.map { f in
          var field: [String: JSONValue] = [
            "name": .string(f.name), "in": .string(f.location.rawValue), "type": .string(f.type.name),
            "required": .bool(f.required && f.constant == nil), "summary": .string(f.summary),
          ]
          if let v = f.validator {
            field["validator"] = .string(v.name)
            if case .oneOf(let values) = v { field["enum"] = .array(values.map(JSONValue.string)) }
          }
          if f.sensitive { field["sensitive"] = true }
          if let c = f.constant { field["constant"] = c }
          field["provenance"] = f.provenance.json
          if !f.enumValues.isEmpty { field["values"] = values(f.enumValues) }
          return .object(field)
        }),
      "response": .array(
        e.response.map { r in
          var field: [String: JSONValue] = [
            "path": .string(r.path), "type": .string(r.type.name), "summary": .string(r.summary),
            "provenance": r.provenance.json,
          ]
          if !r.values.isEmpty { field["values"] = values(r.values) }
          return .object(field)
        }),
    ]
    if !e.rules.isEmpty { object["rules"] = .array(e.rules.map { .string($0.summary) }) }
    if let spec = e.async {
      object["status"] = .object([
        "endpoint": .string(spec.statusEndpoint),
        "field": .string(spec.statusField),
        "arguments": .object(spec.statusArguments.mapValues { .string($0.summary) }),
        "success": .array(spec.success),
        "failure": .array(spec.failure),
        "conditional": .bool(spec.conditional),
        "provenance": spec.provenance.json,
        "states": values(spec.states),
        "timings": .array(
          spec.timings.map {
            ["kind": .string($0.kind.rawValue), "value": .string($0.text), "provenance": $0.provenance.json]
          }),
      ])
    }
    return .object(object)
  }

  /// `[{"value": …, "provenance": {…}}]`: each value of an enum with where it comes from.
  static func values(_ values: [EnumValue]) -> JSONValue {
    .array(values.map { ["value": $0.value, "provenance": $0.provenance.json] })
  }
}
